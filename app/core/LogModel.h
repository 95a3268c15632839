#pragma once

#include <QAbstractListModel>
#include <QDateTime>
#include <QMutex>
#include <QTimer>

#include <deque>

// The lines this process logs (the same ones --headless prints, redacted the same way), kept for
// the window's Log tab: the newest MaxLines. Lines come from any thread; they are taken in on the
// model's own thread in batches, so a chatty receiver costs a view one insertion per interval.
class LogModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { LevelRole = Qt::UserRole + 1 }; // QtMsgType, as int
    static constexpr int MaxLines = 5000;
    static constexpr std::chrono::milliseconds TakeInterval{200};

    explicit LogModel(QObject *parent = nullptr);
    ~LogModel() override;

    // Catches every message from now on (chained before the handler in place, which still
    // prints them), until this model is destroyed. One model at a time.
    void capture();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // A line as if logged (for tests, and for what must show without printing).
    void append(QtMsgType type, const QString &line);

private:
    struct Line {
        QtMsgType type;
        QString text;
    };
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);
    void takeIn();

    std::deque<Line> m_lines;
    QMutex m_mutex; // guards m_incoming
    std::deque<Line> m_incoming;
    QTimer m_take;
    bool m_capturing = false;
};
