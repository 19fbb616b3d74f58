#pragma once

#include <QLabel>

namespace segscope::ui {

//! What the sample list says when it has nothing to show, centred over the views it covers
//! (it follows their size): no matches with a "Clear filters" link, an empty dataset, loading,
//! or a failure with its reason. Hidden while the list has rows.
class SampleListMessage : public QLabel {
    Q_OBJECT

public:
    enum class State { Hidden, Loading, NoMatches, NoSamples, Failed };

    //! A child of `over`, kept at its size.
    explicit SampleListMessage(QWidget *over);

    //! Shows `state`; a failure says `reason`, and offers to clear the filters when `filtered`
    //! (a filter the server refuses) or to try again.
    void showState(State state, const QString &reason = {}, bool filtered = false);
    State state() const { return m_state; }

signals:
    void clearFiltersRequested();
    void retryRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    State m_state = State::Hidden;
};

} // namespace segscope::ui
