-- Deletes a refresh's lock if this replica still holds it, and tells the replicas waiting for it.
-- Answers 1 if it did.
-- KEYS[1]: the lock; ARGV[1]: the holder this replica wrote; ARGV[2]: the fleet's notice channel;
-- ARGV[3]: the notice.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('PUBLISH', ARGV[2], ARGV[3])
  return 1
end
return 0
