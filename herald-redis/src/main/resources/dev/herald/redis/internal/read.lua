-- Reads a page of the Herald stream together with the trim watermark, atomically, so a reader can tell
-- whether entries right after its position were trimmed.
-- KEYS[1] the stream, KEYS[2] the meta hash; ARGV[1] the exclusive start ('(' .. id, or '-'); ARGV[2] the page size.
-- Returns {epoch or '', highest trimmed stream id or '', the entries}.
local entries = redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])
return {redis.call('HGET', KEYS[2], 'epoch') or '', redis.call('HGET', KEYS[2], 'trimmed') or '', entries}
