-- Stores a value loaded under the lock and releases the lock if this replica still holds it,
-- telling the replicas waiting for it the value (sealed, as stored), so that none reads it again.
-- Answers 1 if it released the lock.
-- KEYS[1]: the value; KEYS[2]: its lock. ARGV[1]: the sealed value; ARGV[2]: its time to live in
-- milliseconds; ARGV[3]: the holder this replica wrote; ARGV[4]: the fleet's notice channel;
-- ARGV[5]: the notice, to which a space and the sealed value are added.
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then
  redis.call('DEL', KEYS[2])
  redis.call('PUBLISH', ARGV[4], ARGV[5] .. ' ' .. ARGV[1])
  return 1
end
return 0
