#include <QTest>
class TestTls : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
