-- Appends one update to the Herald stream, atomically with its id index and the trimming of both.
-- KEYS[1] the stream, KEYS[2] the meta hash (epoch, last id, highest trimmed id), KEYS[3] the id index (id -> stream id)
-- ARGV[1] the update's SSE id; ARGV[2], ARGV[3] the floor (ms, seq) the new stream id must exceed;
-- ARGV[4] max length (0 = none); ARGV[5] max age in ms (0 = none); ARGV[6] the epoch to create if none;
-- ARGV[7..] the entry's field/value pairs, the first pair being 'i' and the SSE id.
-- Returns {epoch, stream id, 1 and the retained entry's fields} for a retained id, else {epoch, stream id, 0}.

-- Stream ids encode positions as ms * 2^20 + seq, so seq must stay below 2^20.
local SEQ_LIMIT = 1048576
-- Entries dropped per append: bounds the work one publish does when the limits shrink or a burst expires.
local MAX_DROP = 256

local stream, meta, index = KEYS[1], KEYS[2], KEYS[3]

local epoch = redis.call('HGET', meta, 'epoch')
if not epoch then
  epoch = ARGV[6]
  redis.call('HSET', meta, 'epoch', epoch)
end

local retained = redis.call('HGET', index, ARGV[1])
if retained then
  local found = redis.call('XRANGE', stream, retained, retained)
  if #found == 1 then
    return {epoch, retained, 1, found[1][2]}
  end
  redis.call('HDEL', index, ARGV[1])
end

local function split(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end

local function later(ms1, seq1, ms2, seq2)
  return ms1 > ms2 or (ms1 == ms2 and seq1 > seq2)
end

-- The last id given out: from meta, or, when meta was lost, from the stream itself.
local lastMs, lastSeq = tonumber(redis.call('HGET', meta, 'ms') or '-1'), tonumber(redis.call('HGET', meta, 'seq') or '0')
if lastMs < 0 then
  lastMs, lastSeq = 0, 0
  local top = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', 1)
  if #top == 1 then
    lastMs, lastSeq = split(top[1][1])
  end
end
local floorMs, floorSeq = tonumber(ARGV[2]), tonumber(ARGV[3])
if later(floorMs, floorSeq, lastMs, lastSeq) then
  lastMs, lastSeq = floorMs, floorSeq
end

local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local ms, seq = nowMs, 0
if ms <= lastMs then
  ms, seq = lastMs, lastSeq + 1
  if seq >= SEQ_LIMIT then
    ms, seq = lastMs + 1, 0
  end
end
local msText = string.format('%.0f', ms)
local id = msText .. '-' .. seq

local xadd = {'XADD', stream, id}
for i = 7, #ARGV do
  xadd[#xadd + 1] = ARGV[i]
end
redis.call(unpack(xadd))
redis.call('HSET', meta, 'ms', msText, 'seq', seq)
redis.call('HSET', index, ARGV[1], id)

-- Drops the given oldest entries with their index entries (unless the id was reused by a newer entry).
local function drop(entries)
  if #entries == 0 then
    return
  end
  for _, entry in ipairs(entries) do
    local fields = entry[2]
    if fields[1] == 'i' and redis.call('HGET', index, fields[2]) == entry[1] then
      redis.call('HDEL', index, fields[2])
    end
  end
  local lastDropped = entries[#entries][1]
  local dMs, dSeq = split(lastDropped)
  redis.call('XTRIM', stream, 'MINID', string.format('%.0f', dMs) .. '-' .. (dSeq + 1))
  redis.call('HSET', meta, 'trimmed', lastDropped)
end

local maxLength = tonumber(ARGV[4])
if maxLength > 0 then
  local excess = redis.call('XLEN', stream) - maxLength
  if excess > 0 then
    drop(redis.call('XRANGE', stream, '-', '+', 'COUNT', math.min(excess, MAX_DROP)))
  end
end
local maxAge = tonumber(ARGV[5])
if maxAge > 0 then
  local horizon = string.format('%.0f', nowMs - maxAge) .. '-0'
  drop(redis.call('XRANGE', stream, '-', '(' .. horizon, 'COUNT', MAX_DROP))
end

return {epoch, id, 0}
