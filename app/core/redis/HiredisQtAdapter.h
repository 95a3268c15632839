#pragma once

#include <QObject>

class QSocketNotifier;
struct redisAsyncContext;

// Drives one hiredis async context from the Qt event loop of the current thread: hiredis asks for
// read/write interest through its ev hooks, two QSocketNotifiers answer. Ours rather than
// hiredis' adapters/qt.h, which uses string-based connects and deletes the notifier it is called
// from.
//
// The adapter follows the context: when hiredis frees the context it calls the cleanup hook, the
// adapter detaches and deletes itself later. Deleting the adapter first (with its parent) unhooks
// it from a context that hiredis will free afterwards.
class HiredisQtAdapter : public QObject
{
    Q_OBJECT
public:
    // Call before redisAsyncSetConnectCallback(), which already asks for write interest.
    // Returns nullptr when the context has an event library attached already.
    static HiredisQtAdapter *attach(redisAsyncContext *context, QObject *parent);
    ~HiredisQtAdapter() override;

    bool isAttached() const { return m_context != nullptr; }

private:
    HiredisQtAdapter(redisAsyncContext *context, QObject *parent);

    static void addRead(void *adapter);
    static void delRead(void *adapter);
    static void addWrite(void *adapter);
    static void delWrite(void *adapter);
    static void cleanup(void *adapter);

    void onReadable();
    void onWritable();
    void detach();

    redisAsyncContext *m_context = nullptr;
    QSocketNotifier *m_read = nullptr;
    QSocketNotifier *m_write = nullptr;
};
