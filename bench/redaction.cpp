// What keeping tokens out of records costs (TokenCheck, release build): per call, the median of
// five timed loops. Built and run by bench/redaction.sh; not part of the build or of ctest.
#include "http/TokenCheck.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

const QByteArray token = QByteArrayLiteral("leak-check-current-token-5f2a9c1e7b");
const QByteArray nextToken = QByteArrayLiteral("leak-check-next-token-81d3e6a04f");

// A TradingView alert of `size` bytes (the Comment is padded), with `extra` in the Comment.
QByteArray alert(qsizetype size, const QByteArray &extra = {})
{
    const QByteArray head = R"({"Symbol":"BTCUSDT","Exchange":"BINANCE","Interval":"15","Action":)"
                            R"("BUY","Prix":"64123.50","PrixSL":"63500.00","PrixTP":"65500.00",)"
                            R"("PourCent":"2.5","UserID":"12345","UserExchangeID":"67890",)"
                            R"("BarTime":"2026-11-25T12:15:00Z","Strategy":"breakout-v2",)"
                            R"("Comment":"Long entry )" +
                            extra;
    const QByteArray tail = R"("})";
    return head + QByteArray(std::max<qsizetype>(0, size - head.size() - tail.size()), 'x') + tail;
}

template <typename Call> void measure(const char *what, qsizetype bytes, int iterations, Call call)
{
    std::vector<double> runs;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < iterations; ++i)
            call();
        runs.push_back(double(timer.nsecsElapsed()) / iterations);
    }
    std::sort(runs.begin(), runs.end());
    std::printf("%-58s %6lld B %10.0f ns\n", what, static_cast<long long>(bytes), runs[2]);
}

} // namespace

int main()
{
    const TokenCheck check({token, nextToken});
    volatile qsizetype sink = 0;

    const QByteArray plain = alert(330);
    const QByteArray escaped = alert(330, R"(\"above\" resistance\n)");
    const QByteArray percent = alert(330, "2.5%");
    const QByteArray hit = alert(330, token);
    measure("redactJsonStrings: no hit, nothing to decode", plain.size(), 1000000,
            [&] { sink = sink + check.redactJsonStrings(plain).has_value(); });
    measure("redactJsonStrings: no hit, a value with escapes", escaped.size(), 1000000,
            [&] { sink = sink + check.redactJsonStrings(escaped).has_value(); });
    measure("redactJsonStrings: no hit, a value with %", percent.size(), 1000000,
            [&] { sink = sink + check.redactJsonStrings(percent).has_value(); });
    measure("redactJsonStrings: token in the Comment", hit.size(), 1000000,
            [&] { sink = sink + check.redactJsonStrings(hit)->size(); });

    QByteArray body;
    while (body.size() < 5000)
        body += plain;
    QByteArray encodedBody;
    while (encodedBody.size() < 5000)
        encodedBody += escaped + "&x=%20";
    measure("redactCapped(4096) of a refused 5 KB body: nothing to decode", body.size(), 100000,
            [&] { sink = sink + check.redactCapped(body, 4096).size(); });
    measure("redactCapped(4096) of a refused 5 KB body: \\ and %", encodedBody.size(), 100000,
            [&] { sink = sink + check.redactCapped(encodedBody, 4096).size(); });
    measure("for comparison, the old redact: two QByteArray::replace", 4096, 100000, [&] {
        QByteArray text = body.left(4096);
        sink = sink + text.replace(token, "***").replace(nextToken, "***").size();
    });

    const QByteArray line = "2026-12-01T22:51:33.528 info t6.http: rejected 401 Invalid token from "
                            "203.0.113.7";
    measure("redact of a log line (LogRedaction, each message)", line.size(), 1000000,
            [&] { sink = sink + check.redact(line).size(); });
    return 0;
}
