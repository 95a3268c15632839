#pragma once

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

class ReceiverService;

// "Send a test alert": a PING posted to this process's own receiver over loopback, like
// TradingView would, then followed through its steps: received (200 and its trace_id),
// streamed (in the Redis stream), published (PUBLISH webhook_raw), and how many listened. When a
// step does not come, `failed` says what is missing.
class TestAlert : public QObject
{
    Q_OBJECT
public:
    enum class Step { Received, Streamed, Published, Listened };
    Q_ENUM(Step)

    explicit TestAlert(ReceiverService *receiver, QObject *parent = nullptr);

    // Posts `payload` (a PING by default); a new send forgets the previous one.
    void send(const QByteArray &payload = {});
    QString traceId() const { return m_traceId; }

    static constexpr std::chrono::seconds Patience{8};

Q_SIGNALS:
    void stepDone(TestAlert::Step step, const QString &detail);
    void failed(TestAlert::Step step, const QString &reason);
    void finished(bool ok);

private:
    // What the receiver said about a webhook before the reply named the test's trace id.
    struct Early {
        bool streamed = false;
        qint64 listeners = -1; // >= 0: published
    };
    static constexpr int MaxEarly = 10000;

    void onStreamed(const QString &traceId);
    void onPublished(const QString &traceId, qint64 listeners);
    Early &early(const QString &traceId);
    void giveUp();

    ReceiverService *m_receiver;
    QNetworkAccessManager m_http;
    QTimer m_patience;
    QString m_traceId;
    QHash<QString, Early> m_early;
    Early m_overflow; // written and forgotten past MaxEarly
    bool m_streamed = false;
    bool m_published = false;
    bool m_done = true;
};
