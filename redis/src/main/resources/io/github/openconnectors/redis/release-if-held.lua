-- Deletes a refresh's lock if this replica still holds it. Answers 1 if it did.
-- KEYS[1]: the lock; ARGV[1]: the holder this replica wrote.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
