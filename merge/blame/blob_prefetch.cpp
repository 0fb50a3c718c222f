#include "merge/blame/blob_prefetch.hpp"

#include <algorithm>

namespace accord {

BlobPrefetcher::BlobPrefetcher(const std::string& git_dir)
    : thread_([this, git_dir] { run(git_dir); }) {}

BlobPrefetcher::~BlobPrefetcher() {
    stop();
}

void BlobPrefetcher::stop() {
    {
        const std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void BlobPrefetcher::announce(const std::string& blob_id) {
    bool room = false;
    {
        const std::lock_guard lock(mutex_);
        if (!blobs_.try_emplace(blob_id).second) return;  // a text the history had before
        queue_.push_back(blob_id);
        room = held_ < kMostHeld;
    }
    // Woken only when it may read: once it holds all it may, waking it for
    // each blob the walk finds cost two context switches a version.
    if (room) changed_.notify_all();
}

void BlobPrefetcher::walk_done() {
    {
        const std::lock_guard lock(mutex_);
        walk_done_ = true;
    }
    changed_.notify_all();
}

void BlobPrefetcher::run(std::string git_dir) {
    std::optional<Repository> repository;
    try {
        repository.emplace(Repository::open(git_dir));
    } catch (...) {
        return;  // take() reads every blob itself
    }
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [&] {
            return stop_ || (next_ < queue_.size() && held_ < kMostHeld) ||
                   (walk_done_ && next_ == queue_.size());
        });
        if (stop_ || next_ == queue_.size()) return;  // stopped, or every blob announced read
        const std::string id = queue_[next_++];
        Blob& blob = blobs_[id];
        if (blob.state != State::announced) continue;  // the caller took it first
        blob.state = State::reading;
        lock.unlock();
        std::string text;
        bool ok = true;
        try {
            text = repository->read_blob_unverified(id);
        } catch (...) {
            ok = false;  // take() reads it again and reports the error
        }
        lock.lock();
        Blob& done = blobs_[id];
        done.state = ok ? State::read : State::announced;
        if (ok) held_ += text.size();
        most_held_ = std::max(most_held_, held_);
        done.text = std::move(text);
        changed_.notify_all();
    }
}

std::size_t BlobPrefetcher::most_held() {
    const std::lock_guard lock(mutex_);
    return most_held_;
}

std::string BlobPrefetcher::take(const std::string& blob_id, const Repository& repository) {
    std::unique_lock lock(mutex_);
    if (const auto it = blobs_.find(blob_id); it != blobs_.end()) {
        Blob& blob = it->second;  // references outlive a rehash; iterators do not
        changed_.wait(lock, [&] { return blob.state != State::reading; });
        if (blob.state == State::read) {
            blob.state = State::taken;
            held_ -= blob.text.size();
            changed_.notify_all();  // the reader may wait for room
            return std::move(blob.text);
        }
        if (blob.state == State::announced) blob.state = State::taken;
    }
    lock.unlock();
    return repository.read_blob_unverified(blob_id);
}

}  // namespace accord
