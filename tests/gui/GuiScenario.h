#pragma once

#include "TempStore.h"
#include "security/Session.h"

#include <QApplication>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

class QWidget;

namespace telcodesk::test {

/// Types text into a widget as a person would: ASCII through key presses, everything else (Chinese)
/// committed through the input method, as an IME does.
void typeText(QWidget* widget, const QString& text);

/// Runs `work` on the next modal dialog of type Dialog once it is open, for code that calls exec().
template<typename Dialog>
void onNextModal(std::function<void(Dialog*)> work)
{
    auto* timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, work] {
        auto* dialog = qobject_cast<Dialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        timer->stop();
        timer->deleteLater();
        work(dialog);
    });
    timer->start();
}

/// A small store with every section of the panel filled, written with bound INSERTs:
/// - 陈静 (13912345678): two lines (one with an add-on), 18 months of usage, bills (one overdue, one
///   open, paid ones), six interactions on three channels, a closed and two open tickets, a note, and a
///   second record sharing her ID number (a possible duplicate);
/// - the household 王家 with 王强 (head, 13800138000) and 王小明 (child);
/// - 60 customers called 张伟…, so that a name search has more results than are shown.
class GuiScenario
{
public:
    GuiScenario();

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    LocalStorePtr store() const { return m_temp.store(); }
    QString dataDir() const { return m_temp.dir(); }
    Session agentSession() const;
    Session clerkSession() const;

    QString chenJing;       ///< the fully populated customer
    QString chenJingDup;    ///< the record sharing her ID number
    QString household;      ///< 王家
    QString wangQiang;      ///< member, head of 王家
    QString wangXiaoming;   ///< member, child
    QString agentId;
    QString clerkId;
    QString openTicketOld;  ///< open, created before the closed one
    QString closedTicket;   ///< closed, the newest ticket

    static constexpr int kChenInteractions = 6;
    static constexpr int kChenHotlineInteractions = 3;
    static constexpr int kChenLines = 2;
    static constexpr int kZhangCount = 60;

private:
    bool exec(const QString& sql, const QVariantList& binds);
    bool build();

    TempStore m_temp;
    bool m_ok = false;
    QString m_error;
};

} // namespace telcodesk::test
