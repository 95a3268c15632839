#pragma once

#include <QTimer>
#include <QWidget>

class ActivityTimeline;
class QAreaSeries;
class QChart;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

// The Charts tab: webhooks per minute stacked by action, the receive → stream latency (p50/p99),
// and the availability of Redis and of the engine (T3) as bands, over the last hour (minute by
// minute) or the last 24 h (10-minute bins). Reads ActivityTimeline; redrawn every 2 s while
// shown, never when hidden.
class ChartsTab : public QWidget
{
    Q_OBJECT
public:
    enum class Range { Hour, Day };
    explicit ChartsTab(ActivityTimeline *timeline, QWidget *parent = nullptr);

    void setRange(Range range);
    Range range() const { return m_range; }
    // The points drawn, for tests: an action ("BUY", …: its upper edge), "p50", "p99", "Redis",
    // "Engine T3" (availability 0..1).
    QList<QPointF> points(const QString &series) const;

public Q_SLOTS:
    void redraw();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Axes {
        QDateTimeAxis *time;
        QValueAxis *value;
    };
    Axes addAxes(QChart *chart, const QString &valueTitle);

    ActivityTimeline *m_timeline;
    Range m_range = Range::Hour;
    QComboBox *m_rangeBox;
    QList<QAreaSeries *> m_actions; // stacked, in ActivityTimeline::Action order
    QLineSeries *m_p50;
    QLineSeries *m_p99;
    QAreaSeries *m_redis;
    QAreaSeries *m_engine;
    QList<Axes> m_axes;
    QTimer m_refresh;
};
