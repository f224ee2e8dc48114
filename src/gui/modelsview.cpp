#include "modelsview.h"

#include "ui_modelsview.h"

#include "core/modelcatalogloader.h"
#include "failureview.h"
#include "look.h"
#include "modelstablemodel.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace gloo::gui {

namespace {

// Shows every row that matches the text in one of the named columns and,
// when asked, only models that can chat.
class ModelsFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setFilter(const QString &text, bool chatOnly)
    {
        m_text = text;
        m_chatOnly = chatOnly;
        invalidateFilter();
    }

protected:
    // Rows without a figure (an image model's context window) come last
    // whichever way the column is sorted, after the ones that have one.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override
    {
        const bool leftKnown = left.data(sortRole()).isValid();
        const bool rightKnown = right.data(sortRole()).isValid();
        if (leftKnown && rightKnown)
            return QSortFilterProxyModel::lessThan(left, right);
        if (leftKnown == rightKnown)
            return false;
        return sortOrder() == Qt::AscendingOrder ? leftKnown : rightKnown;
    }

    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const auto *table = static_cast<const ModelsTableModel *>(sourceModel());
        if (m_chatOnly && !table->models().at(row).producesText())
            return false;
        if (m_text.isEmpty())
            return true;
        for (const int column : {ModelsTableModel::Id, ModelsTableModel::Name,
                                 ModelsTableModel::Family, ModelsTableModel::Provider}) {
            const QString text = table->index(row, column, parent).data().toString();
            if (text.contains(m_text, Qt::CaseInsensitive))
                return true;
        }
        return false;
    }

private:
    QString m_text;
    bool m_chatOnly = false;
};

} // namespace

ModelsView::ModelsView(gloo::ModelCatalogLoader *catalog, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ModelsView>())
    , m_catalog(catalog)
    , m_model(new ModelsTableModel(this))
    , m_proxy(new ModelsFilter(this))
{
    m_ui->setupUi(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ModelsTableModel::sortRole);
    m_ui->modelsTable->setModel(m_proxy);
    m_ui->modelsTable->verticalHeader()->hide();
    m_ui->modelsTable->horizontalHeader()->setStretchLastSection(false);
    m_ui->modelsTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // A very long id or name is cut short (its whole text is one hover away)
    // rather than pushing the other columns out of sight.
    m_ui->modelsTable->horizontalHeader()->setMaximumSectionSize(360);
    m_ui->modelsTable->sortByColumn(ModelsTableModel::Family, Qt::AscendingOrder);
    look::setTextTone(m_ui->modelsStatusLabel, look::Tone::Muted);
    m_ui->modelsFilterEdit->setMinimumWidth(260);

    connect(m_ui->modelsReloadButton, &QPushButton::clicked, m_catalog,
            &gloo::ModelCatalogLoader::load);
    connect(m_ui->modelsFilterEdit, &QLineEdit::textChanged, this, &ModelsView::applyFilter);
    connect(m_ui->chatOnlyCheck, &QCheckBox::toggled, this, &ModelsView::applyFilter);
    connect(m_ui->modelsFailureView, &FailureView::retryRequested, m_catalog,
            &gloo::ModelCatalogLoader::load);
    connect(m_catalog, &gloo::ModelCatalogLoader::loadingChanged, this,
            &ModelsView::onLoadingChanged);
    connect(m_catalog, &gloo::ModelCatalogLoader::finished, this, &ModelsView::onFinished);

    m_ui->modelsStatusLabel->setText(tr("Not loaded yet."));
    // The view may be built after the chat has loaded the catalog already.
    if (m_catalog->isLoading())
        onLoadingChanged(true);
    else if (m_catalog->hasLoaded())
        onFinished(gloo::Failure());
}

ModelsView::~ModelsView() = default;

FailureView *ModelsView::failureView() const
{
    return m_ui->modelsFailureView;
}

QString ModelsView::statusText() const
{
    return m_ui->modelsStatusLabel->text();
}

void ModelsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_catalog->ensureLoaded();
}

void ModelsView::onLoadingChanged(bool loading)
{
    m_ui->modelsReloadButton->setEnabled(!loading);
    if (loading)
        m_ui->modelsStatusLabel->setText(tr("Loading the model catalog…"));
}

void ModelsView::onFinished(const gloo::Failure &failure)
{
    m_ui->modelsReloadButton->setText(tr("Reload"));
    if (failure.isFailure()) {
        // The list from before may be another server's (the environment can
        // have changed since), so it is not left standing as if it were this
        // one's.
        m_model->setModels({});
        m_skippedNote.clear();
        m_ui->modelsFailureView->showFailure(failure);
        m_ui->modelsStatusLabel->setText(tr("The catalog could not be loaded."));
        return;
    }
    m_ui->modelsFailureView->clearFailure();
    const gloo::ModelCatalog &catalog = m_catalog->catalog();
    m_model->setModels(catalog.models());

    m_skippedNote.clear();
    if (catalog.skippedEntries() == 1)
        m_skippedNote = tr("; 1 entry could not be read and was skipped");
    else if (catalog.skippedEntries() > 1)
        m_skippedNote =
            tr("; %1 entries could not be read and were skipped").arg(catalog.skippedEntries());
    updateCount();
}

void ModelsView::applyFilter()
{
    static_cast<ModelsFilter *>(m_proxy)->setFilter(m_ui->modelsFilterEdit->text().trimmed(),
                                                    m_ui->chatOnlyCheck->isChecked());
    if (m_catalog->hasLoaded() && !m_ui->modelsFailureView->failure().isFailure())
        updateCount();
}

void ModelsView::updateCount()
{
    const gloo::ModelCatalog &catalog = m_catalog->catalog();
    const qsizetype total = catalog.models().size();
    const qsizetype chat = catalog.chatModels().size();
    QString status = total == 1 ? tr("1 model, %1 usable for chat").arg(chat)
                                : tr("%1 models, %2 usable for chat").arg(total).arg(chat);
    const int shown = m_proxy->rowCount();
    if (shown != total)
        status = tr("Showing %1 of %2 models").arg(shown).arg(total);
    m_ui->modelsStatusLabel->setText(status + m_skippedNote + QLatin1Char('.'));
}

} // namespace gloo::gui
