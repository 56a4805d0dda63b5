-- Pauses a rate scope for ARGV[1] milliseconds, unless a longer pause is on.
-- KEYS[1]: the scope's pause.
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 0
