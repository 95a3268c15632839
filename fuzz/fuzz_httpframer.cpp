// libFuzzer target: HttpFramer must reach the same verdict whether a connection's bytes arrive
// whole or split anywhere (TCP decides the split, not the client); RequestHead::parse must not
// crash.
#include "http/HttpFramer.h"
#include "http/RequestHead.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

// Layout: [limits][split lengths x kSplitBytes][stream...]. Short inputs are all stream.
constexpr size_t kSplitBytes = 7;
constexpr size_t kPrefix = 1 + kSplitBytes;

struct Outcome {
    HttpFramer::Verdict verdict = HttpFramer::Verdict::Continue;
    int heads = 0;
    RequestHead lastHead;
};

HttpFramer::Limits limitsFor(uint8_t selector)
{
    if (selector & 0x80)
        return {}; // the production defaults
    // Small limits so the too-large paths are reached with short inputs.
    HttpFramer::Limits limits;
    limits.maxHead = 4 + (selector & 0x3f);
    limits.maxBody = (selector & 0x40) ? 0 : 16;
    return limits;
}

[[noreturn]] void fail(const char *what, const Outcome &whole, const Outcome &split)
{
    std::fprintf(stderr,
                 "fuzz_httpframer: %s: whole verdict %d heads %d, split verdict %d heads %d\n",
                 what, int(whole.verdict), whole.heads, int(split.verdict), split.heads);
    std::abort();
}

bool sameHead(const RequestHead &a, const RequestHead &b)
{
    return a.method == b.method && a.target == b.target && a.version == b.version &&
           a.fields == b.fields && a.contentLength == b.contentLength &&
           a.expectContinue == b.expectContinue && a.connectionClose == b.connectionClose &&
           a.problem == b.problem;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    // A head the parser accepts re-serialises to one it reads back the same way.
    const RequestHead head = RequestHead::parse(input);
    if (head.isValid()) {
        const RequestHead again = RequestHead::parse(head.canonical());
        if (!again.isValid() || again.canonical() != head.canonical() ||
            again.method != head.method || again.target != head.target ||
            again.contentLength.value_or(0) != head.contentLength.value_or(0)) {
            std::fprintf(stderr, "fuzz_httpframer: canonical head reads differently\n");
            std::abort();
        }
    }

    const bool hasPrefix = size >= kPrefix;
    const HttpFramer::Limits limits = limitsFor(hasPrefix ? data[0] : 0x80);
    const QByteArrayView stream = hasPrefix ? input.sliced(kPrefix) : input;

    Outcome whole;
    {
        HttpFramer framer(limits);
        const HttpFramer::Event event = framer.feed(stream);
        whole.verdict = event.verdict;
        whole.heads = event.headsCompleted;
        whole.lastHead = event.lastHead;
    }

    Outcome split;
    {
        HttpFramer framer(limits);
        QByteArrayView rest = stream;
        for (size_t piece = 0; !rest.isEmpty(); ++piece) {
            // Piece lengths cycle through the prefix bytes; small pieces are the interesting ones.
            const uint8_t b = hasPrefix ? data[1 + piece % kSplitBytes] : 1;
            const qsizetype length =
                std::min<qsizetype>(rest.size(), (b & 0x80) ? b : (b & 0x0f) + 1);
            const HttpFramer::Event event = framer.feed(rest.first(length));
            rest = rest.sliced(length);
            split.heads += event.headsCompleted;
            if (event.headsCompleted > 0)
                split.lastHead = event.lastHead;
            if (event.verdict != HttpFramer::Verdict::Continue) {
                split.verdict = event.verdict;
                break;
            }
        }
        // Once failed, the framer stays failed and reports no more heads.
        if (split.verdict != HttpFramer::Verdict::Continue && !rest.isEmpty()) {
            const HttpFramer::Event after = framer.feed(rest);
            if (after.verdict != HttpFramer::Verdict::BadRequest || after.headsCompleted != 0)
                fail("framer fed after a failure did not stay failed", whole, split);
        }
    }

    if (whole.verdict != split.verdict)
        fail("verdict depends on the split", whole, split);
    if (whole.heads != split.heads)
        fail("number of heads depends on the split", whole, split);
    if (whole.heads > 0 && !sameHead(whole.lastHead, split.lastHead))
        fail("last head depends on the split", whole, split);
    return 0;
}
