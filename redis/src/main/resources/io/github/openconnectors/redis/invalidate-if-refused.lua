-- Deletes a shared value if it is still the one refused: its sealed form starts with the refused
-- value's keyed fingerprint. Answers 1 if it deleted it.
-- KEYS[1]: the value; ARGV[1]: the refused value's fingerprint.
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
