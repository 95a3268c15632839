#pragma once

// The one Lua script every delivery goes through (EVAL, atomic in Redis). It keeps, next to the
// stream, this journal's delivery state in a hash: s = the last seq in the stream, p = the last
// seq published in order, h = publishing held (nobody listened). With it:
//  - the stream gets rows strictly in journal order: a row is added only when the one before it
//    (as the forwarder sent them) is the last one added, so a refused row is never overtaken,
//    however many batches are in flight; a row already added is skipped, never added twice;
//  - publishing follows the same rule with p, and stops at the first PUBLISH nobody heard (h),
//    which every later batch sees: no row is published ahead of an unheard one;
//  - a hand resend is published once per request (a key per row and request, for a day);
//  - duplicates are decided here for every receiver sharing this Redis: a row claims its dedupe
//    key (SET NX PX window, the value naming this journal's row); a row whose key another row
//    holds is a duplicate: neither added nor published, but the cursors pass it as if it had
//    been, and its seq is kept in <state>:dup so a reply lost with the link is still known.
// A failed XADD (e.g. WRONGTYPE) stops the stream for the rest of the batch and is returned;
// publishing goes on. The first command writes, so a Redis that refuses writes (OOM, READONLY,
// MISCONF, NOPERM) refuses the whole script before anything happened.
//
// KEYS: stream, state. ARGV: maxlen, channel, requireListener (0/1), resume (0/1), prevStreamed,
// prevPublished, now, receiver, dedupe window ms (0: off), dedupe key prefix, then per row: seq,
// trace_id, envelope, wants (1 stream, 2 publish), resend (0, or the request's id), dedupe key
// (hex; empty: none). Returns {s, p, held, streamError, {per row: receivers of its PUBLISH, -2 not
// attempted, -3 published before, -4 a duplicate}, stateError, {per row: 1 a duplicate, else 0}}.
inline constexpr char deliveryScript[] = R"lua(
local stream, state = KEYS[1], KEYS[2]
redis.call('HSET', state, 'at', ARGV[7])
local s = tonumber(redis.call('HGET', state, 's') or '0')
local p = tonumber(redis.call('HGET', state, 'p') or '0')
local held = redis.call('HGET', state, 'h') == '1'
if ARGV[4] == '1' then held = false end
local requireListener = ARGV[3] == '1'
local prevS, prevP = tonumber(ARGV[5]), tonumber(ARGV[6])
local receiver, window, prefix = ARGV[8], tonumber(ARGV[9]), ARGV[10]
local streamError = ''
local heard, dups = {}, {}
for i = 11, #ARGV, 6 do
  local seq = tonumber(ARGV[i])
  local wants = tonumber(ARGV[i + 3])
  local resend = ARGV[i + 4]
  local dup = false
  if window > 0 and ARGV[i + 5] ~= '' and resend == '0' then
    local key, mine = prefix .. ARGV[i + 5], state .. ':' .. seq
    if not redis.call('SET', key, mine, 'NX', 'PX', window) then
      local holder = redis.call('GET', key)
      dup = holder ~= false and holder ~= mine
    end
    if dup then
      redis.call('ZADD', state .. ':dup', seq, seq)
      redis.call('ZREMRANGEBYRANK', state .. ':dup', 0, -10001)
    end
  end
  if wants % 2 == 1 then
    if seq > s and streamError == '' and s == prevS then
      if dup then
        s = seq
      else
        local added = redis.pcall('XADD', stream, 'MAXLEN', '~', ARGV[1], '*', 'trace_id',
                                  ARGV[i + 1], 'data', ARGV[i + 2], 'receiver', receiver)
        if type(added) == 'table' and added.err then streamError = added.err else s = seq end
      end
    end
    prevS = seq
  end
  local n = -2
  if wants >= 2 then
    if resend ~= '0' then
      local mark = state .. ':resend:' .. seq .. ':' .. resend
      if not held then
        if redis.call('SET', mark, '1', 'NX', 'PX', 86400000) then
          n = redis.call('PUBLISH', ARGV[2], ARGV[i + 2])
          if n == 0 and requireListener then
            held = true
            redis.call('DEL', mark)
          end
        else
          n = -3
        end
      end
    else
      if seq <= p then
        n = -3
      elseif dup and p == prevP then
        n = -4
        p = seq
      elseif not held and p == prevP then
        n = redis.call('PUBLISH', ARGV[2], ARGV[i + 2])
        if n == 0 and requireListener then held = true else p = seq end
      end
      prevP = seq
    end
  end
  heard[#heard + 1] = n
  dups[#dups + 1] = dup and 1 or 0
end
local saved = redis.pcall('HSET', state, 's', s, 'p', p, 'h', held and '1' or '0')
local stateError = ''
if type(saved) == 'table' and saved.err then stateError = saved.err end
return {s, p, held and 1 or 0, streamError, heard, stateError, dups}
)lua";
