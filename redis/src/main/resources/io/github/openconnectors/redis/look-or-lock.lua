-- Looks for a shared value and, when there is none, takes the lock to load it, in one step: no
-- other replica can store the value or take the lock between the look and the lock.
-- Answers '=' and the stored value, 'L' if this replica took the lock, 'H' if another holds it.
-- KEYS[1]: the value; KEYS[2]: its lock. ARGV[1]: the holder this replica writes; ARGV[2]: the
-- lease in milliseconds; ARGV[3]: '1' to take the lock over a value this replica cannot open.
if ARGV[3] ~= '1' then
  local v = redis.call('GET', KEYS[1])
  if v then
    return '=' .. v
  end
end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 'L'
end
return 'H'
