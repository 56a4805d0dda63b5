-- Pauses a rate scope for ARGV[1] milliseconds, unless a longer pause is on, and tells the fleet.
-- KEYS[1]: the scope's pause; ARGV[2]: the fleet's notice channel; ARGV[3]: the notice, to which
-- the pause's milliseconds are added.
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
  redis.call('PUBLISH', ARGV[2], ARGV[3] .. ARGV[1])
end
return 0
