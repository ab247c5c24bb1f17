#pragma once
// A small map from names to values, kept as one sorted vector: a row's user counters and an
// entry's metrics.
//
// A row has about ten counters and an entry about six metrics. As std::map they were a tree node
// each: over a million allocations and most of the page faults of a 10^5-row report. As one
// vector they are one allocation per row or entry and about half the memory, and a lookup by
// binary search over ten names is as fast as the tree's. The interface is the part of std::map
// the reporters use: iteration in name order, find by any string-like key without building a
// std::string, insert_or_assign, emplace, operator[], erase.

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace joulebench {

template <typename Value>
class FlatStringMap {
 public:
  using value_type = std::pair<std::string, Value>;
  using const_iterator = typename std::vector<value_type>::const_iterator;

 private:
  template <typename Values>  // const or not
  static auto position(Values& values, std::string_view key) {
    return std::lower_bound(values.begin(), values.end(), key,
                            [](const value_type& v, std::string_view k) { return v.first < k; });
  }

 public:
  FlatStringMap() = default;
  // A later duplicate replaces an earlier one, as when the same key is assigned twice.
  FlatStringMap(std::initializer_list<value_type> values) {
    for (const auto& [key, value] : values)
      insert_or_assign(key, value);
  }

  const_iterator begin() const { return values_.begin(); }
  const_iterator end() const { return values_.end(); }
  std::size_t size() const { return values_.size(); }
  bool empty() const { return values_.empty(); }
  void clear() { values_.clear(); }

  const_iterator find(std::string_view key) const {
    const auto it = position(values_, key);
    return it != values_.end() && it->first == key ? it : values_.end();
  }
  bool contains(std::string_view key) const { return find(key) != end(); }

  // Keys usually arrive in name order (Google Benchmark writes counters so): then this appends.
  void insert_or_assign(std::string_view key, Value value) { slot(key) = std::move(value); }
  // Like std::map::emplace: an existing key keeps its value. Whether it was inserted.
  bool emplace(std::string_view key, Value value) {
    const std::size_t before = values_.size();
    Value& v = slot(key);
    if (values_.size() == before)
      return false;
    v = std::move(value);
    return true;
  }
  Value& operator[](std::string_view key) { return slot(key); }

  // Whether there was such a key.
  bool erase(std::string_view key) {
    const auto it = position(values_, key);
    if (it == values_.end() || it->first != key)
      return false;
    values_.erase(it);
    return true;
  }

  friend bool operator==(const FlatStringMap&, const FlatStringMap&) = default;

 private:
  Value& slot(std::string_view key) {
    if (values_.empty() || values_.back().first < key)
      return values_.emplace_back(std::string(key), Value{}).second;
    const auto at = position(values_, key);
    if (at != values_.end() && at->first == key)
      return at->second;
    return values_.emplace(at, std::string(key), Value{})->second;
  }

  std::vector<value_type> values_;
};

// A row's user counters (result_file.h).
using CounterMap = FlatStringMap<double>;

}  // namespace joulebench
