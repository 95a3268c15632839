#include "LogModel.h"

#include "LogRedaction.h"

namespace {

QtMessageHandler previousHandler = nullptr;
QBasicMutex targetMutex;
LogModel *target = nullptr; // guarded by targetMutex

} // namespace

LogModel::LogModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_take.setInterval(TakeInterval);
    connect(&m_take, &QTimer::timeout, this, &LogModel::takeIn);
    m_take.start();
}

LogModel::~LogModel()
{
    if (!m_capturing)
        return;
    const QMutexLocker lock(&targetMutex);
    target = nullptr;
}

void LogModel::capture()
{
    const QMutexLocker lock(&targetMutex);
    if (m_capturing)
        return;
    m_capturing = true;
    target = this;
    if (!previousHandler)
        previousHandler = qInstallMessageHandler(&LogModel::handle);
}

void LogModel::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // Redacted once, here; what it hands on holds no token either.
    const QString clean = LogRedaction::redacted(message);
    {
        const QMutexLocker lock(&targetMutex);
        if (target) // the line as printed: the message pattern applied
            target->append(type, qFormatLogMessage(type, context, clean));
    }
    previousHandler(type, context, clean);
}

void LogModel::append(QtMsgType type, const QString &line)
{
    const QMutexLocker lock(&m_mutex);
    m_incoming.push_back({type, line});
    if (m_incoming.size() > size_t(MaxLines))
        m_incoming.pop_front();
}

void LogModel::takeIn()
{
    std::deque<Line> fresh;
    {
        const QMutexLocker lock(&m_mutex);
        fresh.swap(m_incoming);
    }
    if (fresh.empty())
        return;
    const size_t overflow = m_lines.size() + fresh.size() > size_t(MaxLines)
                                ? m_lines.size() + fresh.size() - size_t(MaxLines)
                                : 0;
    if (overflow > 0) {
        const size_t dropped = std::min(overflow, m_lines.size());
        if (dropped > 0) {
            beginRemoveRows({}, 0, int(dropped) - 1);
            m_lines.erase(m_lines.begin(), m_lines.begin() + qsizetype(dropped));
            endRemoveRows();
        }
        if (overflow > dropped) // more new lines than fit: only the newest come in
            fresh.erase(fresh.begin(), fresh.begin() + qsizetype(overflow - dropped));
    }
    const int first = int(m_lines.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    m_lines.insert(m_lines.end(), std::make_move_iterator(fresh.begin()),
                   std::make_move_iterator(fresh.end()));
    endInsertRows();
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Line &line = m_lines.at(size_t(index.row()));
    switch (role) {
    case Qt::DisplayRole: return line.text;
    case LevelRole: return int(line.type);
    default: return {};
    }
}
