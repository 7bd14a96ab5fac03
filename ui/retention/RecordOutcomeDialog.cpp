#include "retention/RecordOutcomeDialog.h"

#include "itemmodels/DisplayFormat.h"
#include "security/Masking.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTime>
#include <QVBoxLayout>

#include <algorithm>

namespace telcodesk {

namespace {

QLabel* fieldError(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    label->hide();
    return label;
}

QString shownText(const QLabel* label)
{
    return label->isHidden() ? QString() : label->text();
}

bool needsNote(const QString& outcome)
{
    return outcome == QLatin1String("declined") || outcome == QLatin1String("left");
}

} // namespace

RecordOutcomeDialog::RecordOutcomeDialog(LocalStorePtr store, const Session& session, const RetentionTask& task,
                                         const Clock& clock, QWidget* parent)
    : FormDialog(parent)
    , m_store(std::move(store))
    , m_session(session)
    , m_task(task)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("recordOutcomeDialog"));
    //: Dialog title; %1 is the customer's name
    setWindowTitle(tr("Record outcome — %1").arg(task.customerName));
    setMinimumWidth(480);

    auto* about = new QLabel(this);
    about->setWordWrap(true);
    about->setTextFormat(Qt::PlainText);
    QStringList facts;
    if (!task.msisdn.isEmpty())
        facts << Masking::msisdn(task.msisdn);
    if (!task.offerName.isEmpty())
        //: In the record-outcome dialog: the offer the task suggests
        facts << tr("Offer to make: %1").arg(task.offerName);
    if (task.dueAt > 0)
        facts << tr("Due %1").arg(DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(task.dueAt, Qt::UTC)));
    about->setText(facts.join(QStringLiteral(" · ")));
    about->setVisible(!facts.isEmpty());
    contentLayout()->addWidget(about);

    auto* outcomeLabel = new QLabel(tr("&Outcome:"), this);
    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(QStringLiteral("outcomeCombo"));
    for (const QString& code : RetentionService::outcomeCodes())
        m_outcome->addItem(RetentionService::outcomeLabel(code), code);
    m_outcome->setPlaceholderText(tr("Choose what came of the contact"));
    m_outcome->setCurrentIndex(-1);
    outcomeLabel->setBuddy(m_outcome);
    m_outcomeError = fieldError(QStringLiteral("outcomeError"), this);
    contentLayout()->addWidget(outcomeLabel);
    contentLayout()->addWidget(m_outcome);
    contentLayout()->addWidget(m_outcomeError);

    // The offer the agent made: the task's by default; another of the catalog when the conversation went
    // elsewhere. Offers whose rules hold for the customer now are marked.
    m_offerLabel = new QLabel(tr("Offer &made:"), this);
    m_offer = new QComboBox(this);
    m_offer->setObjectName(QStringLiteral("offerCombo"));
    m_offerLabel->setBuddy(m_offer);
    const Result<QVector<OfferChoice>> choices = RetentionService(m_store, m_session, m_clock).offerChoices(task.id);
    if (choices) {
        bool currentListed = false;
        for (const OfferChoice& choice : choices.value()) {
            QString text = choice.offer.name();
            if (choice.current)
                //: An offer in the record-outcome dialog's list: the one the task suggested
                text = tr("%1 (suggested)").arg(text);
            else if (choice.fits)
                //: An offer in the record-outcome dialog's list whose rule holds for this customer
                text = tr("%1 (fits this customer)").arg(text);
            m_offer->addItem(text, choice.offer.id);
            if (choice.offer.valueFen > 0)
                //: Tooltip of an offer; %1 an amount of money
                m_offer->setItemData(m_offer->count() - 1, tr("Costs the operator %1 in all")
                                                               .arg(DisplayFormat::yuan(choice.offer.valueFen)),
                                     Qt::ToolTipRole);
            currentListed = currentListed || choice.current;
        }
        // An offer taken out of the catalog since the task was opened stays choosable as it was.
        if (!currentListed && !task.offerId.isEmpty())
            m_offer->insertItem(0, task.offerName.isEmpty() ? task.offerId : task.offerName, task.offerId);
        m_offer->addItem(tr("No offer made"), QString());
        m_offer->setCurrentIndex(std::max(0, m_offer->findData(task.offerId)));
        contentLayout()->addWidget(m_offerLabel);
        contentLayout()->addWidget(m_offer);
        m_offerChoosable = true;
    } else {
        // The outcome can still be recorded; the offer stays as it is.
        showError(tr("The offers could not be read, so the offer cannot be changed here: %1").arg(choices.errorMessage()));
        m_offerLabel->hide();
        m_offer->hide();
    }

    m_callbackLabel = new QLabel(tr("&Call back on:"), this);
    m_callback = new QDateTimeEdit(this);
    m_callback->setObjectName(QStringLiteral("callbackEdit"));
    m_callback->setCalendarPopup(true);
    m_callback->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    // Tomorrow at ten, the agent's time: a usual time to call a customer back.
    const QDateTime local = m_clock.nowUtc().toLocalTime();
    m_callback->setDateTime(QDateTime(local.date().addDays(1), QTime(10, 0)));
    m_callbackLabel->setBuddy(m_callback);
    m_callbackError = fieldError(QStringLiteral("callbackError"), this);
    contentLayout()->addWidget(m_callbackLabel);
    contentLayout()->addWidget(m_callback);
    contentLayout()->addWidget(m_callbackError);

    m_noteLabel = new QLabel(tr("&Note:"), this);
    m_note = new QPlainTextEdit(this);
    m_note->setObjectName(QStringLiteral("outcomeNote"));
    m_note->setTabChangesFocus(true);
    m_note->setMinimumHeight(90);
    m_noteLabel->setBuddy(m_note);
    m_noteError = fieldError(QStringLiteral("noteError"), this);
    contentLayout()->addWidget(m_noteLabel);
    contentLayout()->addWidget(m_note, 1);
    contentLayout()->addWidget(m_noteError);

    connect(m_outcome, &QComboBox::currentIndexChanged, this, &RecordOutcomeDialog::outcomeChosen);
    outcomeChosen();
    m_outcome->setFocus();
}

QString RecordOutcomeDialog::currentOutcome() const
{
    return m_outcome->currentData().toString();
}

void RecordOutcomeDialog::setOutcome(const QString& code)
{
    m_outcome->setCurrentIndex(m_outcome->findData(code));
}

void RecordOutcomeDialog::outcomeChosen()
{
    const QString outcome = currentOutcome();
    const bool callback = outcome == QLatin1String("callback");
    m_callbackLabel->setVisible(callback);
    m_callback->setVisible(callback);
    if (!callback)
        m_callbackError->hide();
    m_noteLabel->setText(needsNote(outcome) ? tr("&Note (required: why?):") : tr("&Note:"));
    m_note->setPlaceholderText(outcome == QLatin1String("declined") ? tr("For example: finds the offer too small; "
                                                                          "a competitor offers 100 GB for 59 yuan")
                               : outcome == QLatin1String("left")   ? tr("For example: ported out to another operator "
                                                                          "on 11-20 for a cheaper family plan")
                                                                    : QString());
    if (!outcome.isEmpty())
        m_outcomeError->hide();
}

void RecordOutcomeDialog::clearFieldErrors()
{
    m_outcomeError->hide();
    m_noteError->hide();
    m_callbackError->hide();
}

QString RecordOutcomeDialog::outcomeError() const
{
    return shownText(m_outcomeError);
}

QString RecordOutcomeDialog::noteError() const
{
    return shownText(m_noteError);
}

QString RecordOutcomeDialog::callbackError() const
{
    return shownText(m_callbackError);
}

void RecordOutcomeDialog::save()
{
    clearFieldErrors();
    const QString outcome = currentOutcome();
    const QString note = m_note->toPlainText().trimmed();
    bool ok = true;
    if (outcome.isEmpty()) {
        m_outcomeError->setText(tr("Choose an outcome."));
        m_outcomeError->show();
        m_outcome->setFocus();
        ok = false;
    }
    if (needsNote(outcome) && note.isEmpty()) {
        m_noteError->setText(outcome == QLatin1String("declined")
                                 ? tr("Say why the customer declined: it is what the next offer is chosen from.")
                                 : tr("Say why the customer left or is leaving."));
        m_noteError->show();
        if (ok)
            m_note->setFocus();
        ok = false;
    }
    qint64 callbackAt = 0;
    if (outcome == QLatin1String("callback")) {
        const QDateTime when = m_callback->dateTime();
        if (when <= m_clock.nowUtc()) {
            m_callbackError->setText(tr("The callback time has passed: choose a time from now on."));
            m_callbackError->show();
            if (ok)
                m_callback->setFocus();
            ok = false;
        } else {
            callbackAt = when.toMSecsSinceEpoch();
        }
    }
    if (!ok)
        return;

    RetentionService service(m_store, m_session, m_clock);
    const std::optional<QString> offerMade =
        m_offerChoosable ? std::optional<QString>(m_offer->currentData().toString()) : std::nullopt;
    const Status recorded = service.recordOutcome(m_task.id, outcome, note, callbackAt, offerMade);
    if (!recorded) {
        showError(recorded.errorMessage());
        return;
    }
    accept();
}

} // namespace telcodesk
