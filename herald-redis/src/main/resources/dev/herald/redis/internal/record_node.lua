-- Replaces one node's counts entry and re-arms its expiry, atomically, so a reader never sees half an entry.
-- KEYS[1] the node's hash, KEYS[2] the set of node ids; ARGV[1] the time to live in ms, ARGV[2] the node id,
-- ARGV[3..] field, value, field, value, ...
redis.call('DEL', KEYS[1])
for i = 3, #ARGV, 2 do
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[2])
-- The set lives as long as its longest-lived entry, so it vanishes with the last node.
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[1]) then
    redis.call('PEXPIRE', KEYS[2], ARGV[1])
end
return {}
