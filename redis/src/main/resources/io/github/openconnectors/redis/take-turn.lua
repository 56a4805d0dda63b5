-- Takes a rate scope's next turn. Answers the microseconds until the turn comes and those left of
-- the scope's pause (negative when none).
-- KEYS[1]: the scope's schedule (when its next request may go); KEYS[2]: its pause.
-- ARGV[1]: the rate's interval in microseconds, 0 for no rate.
-- Counted in Redis's clock, so that the replicas' clocks do not matter.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local left = redis.call('PTTL', KEYS[2]) * 1000
local start = now
if left > 0 then
  start = now + left
end
local interval = tonumber(ARGV[1])
if interval > 0 then
  local free = tonumber(redis.call('GET', KEYS[1]) or '0')
  if free > start then
    start = free
  end
  local following = start + interval
  redis.call('SET', KEYS[1], string.format('%.0f', following), 'PX',
    math.floor((following - now) / 1000) + 1000)
end
return {math.floor(start - now), math.floor(left)}
