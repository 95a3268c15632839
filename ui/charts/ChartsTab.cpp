#include "charts/ChartsTab.h"

#include "StatusColors.h"
#include "monitor/models/ActivityTimeline.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace {

constexpr qint64 MinuteMs = 60'000;

// Several minutes as one point of the chart.
struct Bin {
    qint64 middle = 0;
    double perMinute[ActivityTimeline::ActionCount] = {};
    std::vector<int> latencies;
    double redis = -1; // availability 0..1, -1 unknown
    double engine = -1;
};

// The minutes of [from, to) in bins of `perBin`, read in place (a day of latencies is not copied).
QList<Bin> binsOf(const ActivityTimeline &timeline, const QDateTime &from, const QDateTime &to,
                  int perBin)
{
    struct Sums {
        int minutes = 0, samples = 0, redisUp = 0, engineUp = 0;
    };
    QList<Bin> bins;
    QList<Sums> sums;
    const qint64 first = from.toMSecsSinceEpoch();
    timeline.forEachMinute(from, to, [&](const ActivityTimeline::Minute &m) {
        const qsizetype index = qsizetype((m.start - first) / MinuteMs) / perBin;
        if (index >= bins.size()) {
            bins.resize(index + 1);
            sums.resize(index + 1);
            bins[index].middle = m.start + perBin * MinuteMs / 2;
        }
        Bin &bin = bins[index];
        Sums &sum = sums[index];
        ++sum.minutes;
        for (int a = 0; a < ActivityTimeline::ActionCount; ++a)
            bin.perMinute[a] += m.received[a];
        bin.latencies.insert(bin.latencies.end(), m.latenciesMs.begin(), m.latenciesMs.end());
        sum.samples += m.samples;
        sum.redisUp += m.redisUp;
        sum.engineUp += m.engineUp;
    });
    for (qsizetype i = 0; i < bins.size(); ++i) {
        for (double &count : bins[i].perMinute)
            count /= std::max(1, sums[i].minutes);
        if (sums[i].samples > 0) {
            bins[i].redis = double(sums[i].redisUp) / sums[i].samples;
            bins[i].engine = double(sums[i].engineUp) / sums[i].samples;
        }
    }
    return bins;
}

QChartView *viewOf(QChart *chart, QWidget *parent)
{
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->setLocalizeNumbers(true); // axis numbers and day names in the user's locale
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(150);
    return view;
}

QAreaSeries *area(const QString &name, const QColor &colour, QChart *chart)
{
    auto *series = new QAreaSeries(new QLineSeries(chart), new QLineSeries(chart));
    series->setName(name);
    QColor fill = colour;
    fill.setAlpha(170);
    series->setBrush(fill);
    series->setPen(QPen(colour.darker(120), 1));
    chart->addSeries(series);
    return series;
}

} // namespace

ChartsTab::ChartsTab(ActivityTimeline *timeline, QWidget *parent)
    : QWidget(parent)
    , m_timeline(timeline)
    , m_rangeBox(new QComboBox(this))
{
    m_rangeBox->addItem(tr("Last hour"), int(Range::Hour));
    m_rangeBox->addItem(tr("Last 24 hours"), int(Range::Day));
    connect(m_rangeBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setRange(Range(m_rangeBox->itemData(index).toInt())); });

    auto *rate = new QChart;
    rate->setTitle(tr("Webhooks per minute, by action"));
    for (int a = 0; a < ActivityTimeline::ActionCount; ++a) {
        const auto action = ActivityTimeline::Action(a);
        // BUY, SELL, PING, MAJ are Aristobot3's actions, as in the payloads; "other" is ours.
        m_actions.append(area(
            action == ActivityTimeline::Other ? tr("other") : ActivityTimeline::actionName(action),
            StatusColors::of(action), rate));
    }
    m_axes.append(addAxes(rate, tr("webhooks / min")));

    auto *latency = new QChart;
    latency->setTitle(tr("Receive → stream latency (ms)"));
    m_p50 = new QLineSeries(latency);
    m_p50->setName(QStringLiteral("p50"));
    m_p99 = new QLineSeries(latency);
    m_p99->setName(QStringLiteral("p99"));
    m_p99->setPen(QPen(StatusColors::of(WebhookStatus::Error), 2));
    m_p50->setPen(QPen(StatusColors::of(WebhookStatus::Forwarded), 2));
    latency->addSeries(m_p50);
    latency->addSeries(m_p99);
    m_axes.append(addAxes(latency, tr("ms")));

    auto *availability = new QChart;
    availability->setTitle(tr("Availability"));
    m_redis = area(tr("Redis"), StatusColors::of(TerminalState::Up), availability);
    m_engine = area(tr("Engine T3"), StatusColors::of(TerminalState::Up).darker(130), availability);
    const Axes bands = addAxes(availability, QString());
    bands.value->setRange(0, 2);
    bands.value->setVisible(false);
    auto *rows = new QCategoryAxis(availability);
    rows->append(tr("Engine T3"), 1);
    rows->append(tr("Redis"), 2);
    rows->setRange(0, 2);
    rows->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    availability->addAxis(rows, Qt::AlignLeft);
    availability->legend()->hide();
    m_axes.append(bands);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_rangeBox);
    bar->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(viewOf(rate, this), 3);
    layout->addWidget(viewOf(latency, this), 2);
    layout->addWidget(viewOf(availability, this), 1);

    m_refresh.setInterval(std::chrono::seconds(2));
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        if (isVisible())
            redraw();
    });
    m_refresh.start();
}

ChartsTab::Axes ChartsTab::addAxes(QChart *chart, const QString &valueTitle)
{
    auto *time = new QDateTimeAxis(chart);
    time->setFormat(QStringLiteral("HH:mm"));
    time->setTickCount(7);
    auto *value = new QValueAxis(chart);
    value->setTitleText(valueTitle);
    value->setLabelFormat(QStringLiteral("%.0f"));
    value->setMin(0);
    chart->addAxis(time, Qt::AlignBottom);
    chart->addAxis(value, Qt::AlignLeft);
    for (QAbstractSeries *series : chart->series()) {
        series->attachAxis(time);
        series->attachAxis(value);
    }
    return {time, value};
}

void ChartsTab::setRange(Range range)
{
    m_range = range;
    m_rangeBox->setCurrentIndex(m_rangeBox->findData(int(range)));
    redraw();
}

void ChartsTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    redraw();
}

void ChartsTab::redraw()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const int minutesShown = m_range == Range::Hour ? 60 : 24 * 60;
    const int perBin = m_range == Range::Hour ? 1 : 10;
    const QDateTime current = now.addMSecs(-(now.toMSecsSinceEpoch() % MinuteMs));
    const QDateTime from = current.addSecs(-60LL * (minutesShown - 1));
    const QList<Bin> bins = binsOf(*m_timeline, from, current.addSecs(60), perBin);

    QList<QList<QPointF>> stacked(ActivityTimeline::ActionCount);
    QList<QPointF> base, p50, p99, redisTop, redisBase, engineTop, engineBase;
    double highest = 1;
    double slowest = 1;
    for (const Bin &bin : bins) {
        const double x = double(bin.middle);
        double sum = 0;
        base.append({x, 0});
        for (int a = 0; a < ActivityTimeline::ActionCount; ++a) {
            sum += bin.perMinute[a];
            stacked[a].append({x, sum});
        }
        highest = std::max(highest, sum);
        if (const int q50 = ActivityTimeline::quantile(bin.latencies, 0.50); q50 >= 0) {
            const int q99 = ActivityTimeline::quantile(bin.latencies, 0.99);
            p50.append({x, double(q50)});
            p99.append({x, double(q99)});
            slowest = std::max(slowest, double(q99));
        }
        // A band 0.8 high at most in its row: unknown (not sampled) draws nothing.
        redisBase.append({x, 1.1});
        redisTop.append({x, 1.1 + 0.8 * std::max(0.0, bin.redis)});
        engineBase.append({x, 0.1});
        engineTop.append({x, 0.1 + 0.8 * std::max(0.0, bin.engine)});
    }
    for (int a = 0; a < ActivityTimeline::ActionCount; ++a) {
        m_actions[a]->upperSeries()->replace(stacked[a]);
        m_actions[a]->lowerSeries()->replace(a == 0 ? base : stacked[a - 1]);
    }
    m_p50->replace(p50);
    m_p99->replace(p99);
    m_redis->upperSeries()->replace(redisTop);
    m_redis->lowerSeries()->replace(redisBase);
    m_engine->upperSeries()->replace(engineTop);
    m_engine->lowerSeries()->replace(engineBase);

    for (const Axes &axes : std::as_const(m_axes)) {
        axes.time->setRange(from.toLocalTime(), now.toLocalTime());
        axes.time->setFormat(m_range == Range::Hour ? QStringLiteral("HH:mm")
                                                    : QStringLiteral("ddd HH:mm"));
    }
    m_axes[0].value->setRange(0, std::ceil(highest * 1.15));
    m_axes[1].value->setRange(0, std::ceil(slowest * 1.15));
}

QList<QPointF> ChartsTab::points(const QString &series) const
{
    for (int a = 0; a < ActivityTimeline::ActionCount; ++a)
        if (series == ActivityTimeline::actionName(ActivityTimeline::Action(a)))
            return m_actions[a]->upperSeries()->points();
    if (series == QLatin1String("p50"))
        return m_p50->points();
    if (series == QLatin1String("p99"))
        return m_p99->points();
    const QAreaSeries *band = series == QLatin1String("Redis") ? m_redis : m_engine;
    QList<QPointF> availability;
    const QList<QPointF> top = band->upperSeries()->points();
    const double base = band->lowerSeries()->points().value(0).y();
    for (const QPointF &p : top)
        availability.append({p.x(), (p.y() - base) / 0.8});
    return availability;
}
