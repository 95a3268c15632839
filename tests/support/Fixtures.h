#pragma once

#include "MonitorEvent.h"

#include <QByteArray>
#include <QList>
#include <QString>

// The wire samples of tests/fixtures, for tests. The T6_FIXTURES_DIR environment variable
// overrides the folder compiled in, so a test binary can run against another checkout.
namespace Fixtures {

QString dir();
// The non-empty lines of a fixture file, without line ends; stops the test run (qFatal) with the
// full path when the file cannot be read, because a missing fixture must never pass silently.
QList<QByteArray> lines(const QString &fileName);
// websockets-events.jsonl as events; stops the run when a line is not one.
QList<MonitorEvent> websocketsEvents();
// daphne-frames.jsonl wrapped as the monitor wraps Daphne's frames, arriving at `arrival`.
QList<MonitorEvent> daphneEvents(const QDateTime &arrival);

} // namespace Fixtures
