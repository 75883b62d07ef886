-- Drops a node id from the set once its hash has expired. Checked inside the script, so a node that records
-- again between a reader's look and this removal is never dropped.
-- KEYS[1] the set of node ids, KEYS[2] the node's hash; ARGV[1] the node id.
if redis.call('EXISTS', KEYS[2]) == 0 then
    redis.call('SREM', KEYS[1], ARGV[1])
end
return {}
