#pragma once

#include "domain/Customer360.h"
#include "scoring/ScoringEngine.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;

namespace telcodesk {

/// The top of the 360° panel: who the customer is, at a glance. Name, masked number (with Reveal for
/// roles that may), account, type, tier, segment, tenure, tags, region, the place of the churn-risk
/// badge, and links to the customer's group and to possible duplicate records.
class CustomerHeader : public QFrame
{
    Q_OBJECT

public:
    struct RecordLink
    {
        QString customerId;
        QString text;
    };

    CustomerHeader(LocalStorePtr store, const Session& session, QWidget* parent = nullptr);

    void setCustomer(const Customer360& view, const QVector<RecordLink>& duplicates);
    /// The churn-risk badge: the band's colour, the probability, and the top reasons in words with the
    /// time of scoring in its tooltip; the "not scored yet" placeholder when there is no score.
    void setRisk(const std::optional<CustomerScore>& score, const RetentionConfig& config);

    QString nameText() const;
    QString numberText() const;
    QString idNumberText() const;
    QString riskText() const;
    QString riskToolTip() const;
    /// The band the badge shows ("high", "medium", "low"), empty for the placeholder.
    QString riskBand() const;
    QString duplicatesText() const;
    QToolButton* revealNumberButton() const { return m_revealNumber; }
    QToolButton* revealIdButton() const { return m_revealId; }
    QPushButton* logInteractionButton() const { return m_logButton; }
    QStringList tagTexts() const;

signals:
    void openCustomerRequested(const QString& customerId);

private:
    void revealNumber();
    void revealId();
    void showRevealError(const QString& message);
    QLabel* addFact(QHBoxLayout* row, const QString& caption);

    LocalStorePtr m_store;
    Session m_session;
    QString m_customerId;

    QLabel* m_name = nullptr;
    QLabel* m_type = nullptr;
    QLabel* m_tier = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_risk = nullptr;
    QLabel* m_number = nullptr;
    QToolButton* m_revealNumber = nullptr;
    QLabel* m_account = nullptr;
    QLabel* m_idNumber = nullptr;
    QToolButton* m_revealId = nullptr;
    QLabel* m_segment = nullptr;
    QLabel* m_tenure = nullptr;
    QLabel* m_region = nullptr;
    QLabel* m_manager = nullptr;
    QWidget* m_tagBox = nullptr;
    QHBoxLayout* m_tagLayout = nullptr;
    QLabel* m_group = nullptr;
    QLabel* m_duplicates = nullptr;
    QLabel* m_revealError = nullptr;
    QPushButton* m_logButton = nullptr;
};

} // namespace telcodesk
