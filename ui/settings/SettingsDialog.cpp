#include "SettingsDialog.h"

#include "StatusColors.h"
#include "TokenField.h"
#include "config/SettingsFile.h"
#include "config/SettingsLoader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("SettingsLoader", text);
}

// The command line's own wording: "--port: 0 is not a number from 1 to 65535".
QString message(const SettingSpec &spec, const QString &problem)
{
    return (spec.onCommandLine ? QStringLiteral("--") : QString()) + spec.name +
           QStringLiteral(": ") + problem;
}

QString maskedRedisUrl(const QString &url)
{
    QUrl parsed(url);
    if (parsed.password().isEmpty())
        return url;
    parsed.setPassword(QStringLiteral("••••"));
    return parsed.toString();
}

} // namespace

SettingsDialog::SettingsDialog(Application *app, QWidget *parent)
    : QDialog(parent)
    , m_app(app)
    , m_file(SettingsFile::pathFor(app->configured()))
    , m_pages(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_outcome(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this))
{
    setWindowTitle(tr("Terminal 6 settings"));
    const Settings &current = app->configured();
    const Settings defaults = SettingsLoader::defaults();
    QMap<QString, QFormLayout *> forms;
    for (const char *group : SettingsLoader::groups()) {
        auto *page = new QWidget;
        auto *form = new QFormLayout(page);
        form->setRowWrapPolicy(QFormLayout::WrapLongRows);
        auto *scroll = new QScrollArea;
        scroll->setWidgetResizable(true);
        scroll->setWidget(page);
        m_stack->addWidget(scroll);
        m_pages->addItem(translated(group));
        forms.insert(QString::fromLatin1(group), form);
    }
    for (const SettingSpec &spec : SettingsLoader::table()) {
        QFormLayout *form = forms.value(QString::fromLatin1(spec.group));
        auto *cell = new QWidget;
        auto *column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 6);
        QWidget *editor = makeEditor(spec, spec.show(current), spec.show(defaults));
        editor->setObjectName(spec.name);
        column->addWidget(editor);
        auto *help = new QLabel(translated(spec.help) + QLatin1Char(' ') +
                                (spec.live ? tr("Applied at once.") : tr("At the next start.")));
        help->setWordWrap(true);
        help->setEnabled(false); // the palette's quieter text
        column->addWidget(help);
        auto *problem = new QLabel;
        problem->setObjectName(spec.name + QStringLiteral("-problem"));
        StatusColors::setTextColour(problem, StatusColors::failed());
        problem->setWordWrap(true);
        problem->hide();
        column->addWidget(problem);
        form->addRow(spec.name, cell);
        m_fields.insert(spec.name, Field{&spec, editor, problem});
    }
    // Rotation: the next token becomes the token once every alert uses it.
    auto *token = static_cast<TokenField *>(m_fields.value(QStringLiteral("token")).editor);
    auto *next = static_cast<TokenField *>(m_fields.value(QStringLiteral("token-next")).editor);
    auto *promote = new QPushButton(tr("Make it the token"), next);
    promote->setObjectName(QStringLiteral("promote-token-next"));
    promote->setToolTip(tr("Once every TradingView alert uses the next token: it replaces the "
                           "token, and the old one stops working"));
    static_cast<QHBoxLayout *>(next->layout())->addWidget(promote);
    promote->setEnabled(!next->value().isEmpty());
    connect(next, &TokenField::changed, promote,
            [promote](const QString &value) { promote->setEnabled(!value.isEmpty()); });
    connect(promote, &QPushButton::clicked, this, [token, next] {
        token->setValue(next->value(), false);
        next->setValue(QString(), false);
    });

    connect(m_pages, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_pages->setCurrentRow(0);
    m_pages->setMaximumWidth(190);
    auto *body = new QHBoxLayout;
    body->addWidget(m_pages);
    body->addWidget(m_stack, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_outcome);
    layout->addWidget(m_buttons);
    m_outcome->setText(tr("Settings file: %1").arg(m_file));
    connect(m_buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this,
            &SettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(820, 600);
}

QWidget *SettingsDialog::makeEditor(const SettingSpec &spec, const QString &value,
                                    const QString &byDefault)
{
    const QString name = spec.name;
    switch (spec.kind) {
    case SettingSpec::Kind::Flag:
    case SettingSpec::Kind::Bool: {
        auto *box = new QCheckBox;
        box->setChecked(value == QLatin1String("true"));
        connect(box, &QCheckBox::toggled, this, [this, name] { check(name); });
        return box;
    }
    case SettingSpec::Kind::Choice: {
        auto *combo = new QComboBox;
        combo->addItems(spec.choices);
        combo->setCurrentText(value);
        connect(combo, &QComboBox::currentTextChanged, this, [this, name] { check(name); });
        return combo;
    }
    case SettingSpec::Kind::Secret: {
        auto *token = new TokenField(value);
        connect(token, &TokenField::changed, this, [this, name] { check(name); });
        return token;
    }
    case SettingSpec::Kind::Text: break;
    }
    auto *line = new QLineEdit;
    if (name == QLatin1String("redis-url")) {
        m_redisUrl = value;
        line->setText(maskedRedisUrl(value));
    } else {
        line->setText(value);
    }
    line->setPlaceholderText(byDefault); // what an empty field means
    connect(line, &QLineEdit::textEdited, this, [this, name] { check(name); });
    return line;
}

QString SettingsDialog::valueOf(const Field &field) const
{
    if (auto *box = qobject_cast<QCheckBox *>(field.editor))
        return box->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    if (auto *combo = qobject_cast<QComboBox *>(field.editor))
        return combo->currentText();
    if (auto *token = qobject_cast<TokenField *>(field.editor))
        return token->value();
    const QString text = static_cast<QLineEdit *>(field.editor)->text().trimmed();
    if (field.spec->name == QLatin1String("redis-url") && text == maskedRedisUrl(m_redisUrl))
        return m_redisUrl;
    return text;
}

QWidget *SettingsDialog::editor(const QString &name) const
{
    return m_fields.value(name).editor;
}

QString SettingsDialog::problem(const QString &name) const
{
    const Field field = m_fields.value(name);
    return field.problem && !field.problem->isHidden() ? field.problem->text() : QString();
}

void SettingsDialog::check(const QString &name)
{
    const Field field = m_fields.value(name);
    const QString value = valueOf(field);
    Settings scratch = SettingsLoader::defaults();
    // Empty is "the default", as when the setting is not given at all.
    const QString problem = value.isEmpty() ? QString() : field.spec->apply(value, scratch);
    field.problem->setText(problem.isEmpty() ? QString() : message(*field.spec, problem));
    field.problem->setVisible(!problem.isEmpty());
    bool anyProblem = false;
    for (const Field &each : m_fields)
        anyProblem = anyProblem || !each.problem->isHidden(); // on any page
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!anyProblem);
}

Settings SettingsDialog::edited(QString *problem) const
{
    // Read like a config file holding every field that differs from its default.
    const Settings defaults = SettingsLoader::defaults();
    Settings settings = defaults;
    for (const SettingSpec &spec : SettingsLoader::table()) {
        const QString value = valueOf(m_fields.value(spec.name));
        if (value.isEmpty() || value == spec.show(defaults))
            continue;
        if (const QString error = spec.apply(value, settings); !error.isEmpty()) {
            if (problem && problem->isEmpty())
                *problem = message(spec, error);
        }
    }
    SettingsLoader::complete(settings);
    settings.configFile = m_file;
    return settings;
}

bool SettingsDialog::save()
{
    QString problem;
    const Settings next = edited(&problem);
    if (!problem.isEmpty()) {
        showOutcome(problem, true);
        return false;
    }
    const Application::Applied applied = m_app->applyAndSave(next);
    if (!applied.saveError.isEmpty()) {
        showOutcome(applied.saveError, true);
        return false;
    }
    QStringList lines{tr("Saved to %1 (readable by you only).").arg(m_file)};
    if (!applied.now.isEmpty())
        lines << tr("Applied now: %1.").arg(applied.now.join(QStringLiteral(", ")));
    if (!applied.atRestart.isEmpty())
        lines << tr("At the next start: %1.").arg(applied.atRestart.join(QStringLiteral(", ")));
    if (!applied.error.isEmpty())
        lines << tr("The listener stays where it was: %1").arg(applied.error);
    showOutcome(lines.join(u'\n'), !applied.error.isEmpty());
    return applied.error.isEmpty();
}

QString SettingsDialog::outcome() const
{
    return m_outcome->text();
}

void SettingsDialog::showOutcome(const QString &text, bool error)
{
    m_outcome->setText(text);
    StatusColors::setTextColour(m_outcome, error ? StatusColors::failed() : QColor());
}
