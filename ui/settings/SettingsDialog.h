#pragma once

#include "Application.h"

#include <QDialog>
#include <QMap>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QStackedWidget;
struct SettingSpec;

// Every setting of SettingsLoader's table, one page per group, each field with its help and the
// command line's own validation and messages. Save applies what can change while running (the
// listener re-binds, Redis reconnects, tokens change) and writes the config file (mode 600).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(Application *app, QWidget *parent = nullptr);

    // The editor of one setting (named after it), and the problem shown under it, for tests.
    QWidget *editor(const QString &name) const;
    QString problem(const QString &name) const;
    // What the fields say, or the first problem.
    Settings edited(QString *problem = nullptr) const;
    // Applies and saves; false (with the reason shown) when a field is invalid, the listener could
    // not move or the file could not be written.
    bool save();
    QString outcome() const;
    QString configFile() const { return m_file; }

private:
    struct Field {
        const SettingSpec *spec;
        QWidget *editor;
        QLabel *problem;
    };

    QWidget *makeEditor(const SettingSpec &spec, const QString &value, const QString &byDefault);
    QString valueOf(const Field &field) const;
    void check(const QString &name);
    void showOutcome(const QString &text, bool error);

    Application *m_app;
    QString m_file;
    QMap<QString, Field> m_fields;
    QString m_redisUrl; // the real value behind the masked one shown
    QListWidget *m_pages;
    QStackedWidget *m_stack;
    QLabel *m_outcome;
    QDialogButtonBox *m_buttons;
};
