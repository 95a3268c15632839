#include "redis/HiredisQtAdapter.h"

#include <QSocketNotifier>

#include <hiredis/async.h>

#include <fcntl.h>

HiredisQtAdapter *HiredisQtAdapter::attach(redisAsyncContext *context, QObject *parent)
{
    if (!context || context->ev.data)
        return nullptr;
    return new HiredisQtAdapter(context, parent);
}

HiredisQtAdapter::HiredisQtAdapter(redisAsyncContext *context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    // Created without a socket so they start disabled: hiredis says when it wants events.
    , m_read(new QSocketNotifier(QSocketNotifier::Read, this))
    , m_write(new QSocketNotifier(QSocketNotifier::Write, this))
{
    // hiredis 0.14 opens its socket without SOCK_CLOEXEC: a child started later (QProcess, an
    // embedded redis-server) would inherit it and keep the connection open after we close ours.
    ::fcntl(context->c.fd, F_SETFD, ::fcntl(context->c.fd, F_GETFD) | FD_CLOEXEC);
    m_read->setSocket(context->c.fd);
    m_write->setSocket(context->c.fd);
    connect(m_read, &QSocketNotifier::activated, this, &HiredisQtAdapter::onReadable);
    connect(m_write, &QSocketNotifier::activated, this, &HiredisQtAdapter::onWritable);

    context->ev.data = this;
    context->ev.addRead = &HiredisQtAdapter::addRead;
    context->ev.delRead = &HiredisQtAdapter::delRead;
    context->ev.addWrite = &HiredisQtAdapter::addWrite;
    context->ev.delWrite = &HiredisQtAdapter::delWrite;
    context->ev.cleanup = &HiredisQtAdapter::cleanup;
}

HiredisQtAdapter::~HiredisQtAdapter()
{
    // Destroyed before hiredis freed the context (our owner died inside a reply callback, and
    // hiredis frees the context once that callback returns): its hooks must not reach us.
    if (m_context) {
        m_context->ev.data = nullptr;
        m_context->ev.addRead = nullptr;
        m_context->ev.delRead = nullptr;
        m_context->ev.addWrite = nullptr;
        m_context->ev.delWrite = nullptr;
        m_context->ev.cleanup = nullptr;
        m_context = nullptr;
    }
}

void HiredisQtAdapter::addRead(void *adapter)
{
    auto *self = static_cast<HiredisQtAdapter *>(adapter);
    if (!self->m_read->isEnabled())
        self->m_read->setEnabled(true);
}

void HiredisQtAdapter::delRead(void *adapter)
{
    static_cast<HiredisQtAdapter *>(adapter)->m_read->setEnabled(false);
}

void HiredisQtAdapter::addWrite(void *adapter)
{
    // Called for every queued command: only touch the dispatcher when the interest changes.
    auto *self = static_cast<HiredisQtAdapter *>(adapter);
    if (!self->m_write->isEnabled())
        self->m_write->setEnabled(true);
}

void HiredisQtAdapter::delWrite(void *adapter)
{
    static_cast<HiredisQtAdapter *>(adapter)->m_write->setEnabled(false);
}

void HiredisQtAdapter::cleanup(void *adapter)
{
    static_cast<HiredisQtAdapter *>(adapter)->detach();
}

void HiredisQtAdapter::detach()
{
    // hiredis calls cleanup (possibly twice) right before freeing the context, often from inside
    // one of our notifier slots: only disable the notifiers here, delete everything later.
    if (!m_context)
        return;
    m_context->ev.data = nullptr;
    m_context->ev.addRead = nullptr;
    m_context->ev.delRead = nullptr;
    m_context->ev.addWrite = nullptr;
    m_context->ev.delWrite = nullptr;
    m_context->ev.cleanup = nullptr;
    m_context = nullptr;
    m_read->setEnabled(false);
    m_write->setEnabled(false);
    deleteLater();
}

void HiredisQtAdapter::onReadable()
{
    // hiredis may free the context (detaching us) and a reply handler may delete our owner, and us
    // with it: nothing of ours may be touched once this call returns.
    if (redisAsyncContext *context = m_context)
        redisAsyncHandleRead(context);
}

void HiredisQtAdapter::onWritable()
{
    if (redisAsyncContext *context = m_context)
        redisAsyncHandleWrite(context);
}
