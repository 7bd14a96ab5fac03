#include "kb/KbArticleDialog.h"

#include "kb/KbArticleView.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace telcodesk {

KbArticleDialog::KbArticleDialog(LocalStorePtr store, const Session& session, const Clock& clock, QWidget* parent)
    : QDialog(parent)
    , m_view(new KbArticleView(std::move(store), session, clock, this))
{
    setObjectName(QStringLiteral("kbArticleDialog"));
    setWindowTitle(tr("Knowledge base article"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(760, 640);
}

Status KbArticleDialog::showArticle(const QString& articleId)
{
    const Status shown = m_view->showArticle(articleId);
    if (shown)
        setWindowTitle(tr("Knowledge base article"));
    return shown;
}

} // namespace telcodesk
