#include "reporters/flat_string_map.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace joulebench {
namespace {

std::vector<std::string> keys(const CounterMap& m) {
  std::vector<std::string> out;
  for (const auto& [key, value] : m)
    out.push_back(key);
  return out;
}

TEST(FlatStringMap, IteratesInNameOrderWhateverTheOrderOfInsertion) {
  CounterMap m;
  m.insert_or_assign("power_W", 2.0);
  m.insert_or_assign("co2_g", 3.0);
  m.insert_or_assign("energy_J", 1.0);
  m.insert_or_assign("zeta", 4.0);
  EXPECT_EQ(keys(m), (std::vector<std::string>{"co2_g", "energy_J", "power_W", "zeta"}));
  EXPECT_EQ(m.size(), 4u);
}

TEST(FlatStringMap, AssigningAKeyAgainReplacesItsValue) {
  CounterMap m = {{"a", 1.0}, {"b", 2.0}, {"a", 3.0}};
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ(m.find("a")->second, 3.0);
  m["b"] = 5.0;
  m.insert_or_assign("b", 6.0);
  EXPECT_EQ(m.find("b")->second, 6.0);
  EXPECT_EQ(m["new"], 0.0);  // operator[] inserts a value-initialised one, as std::map does
  EXPECT_TRUE(m.contains("new"));
}

TEST(FlatStringMap, EmplaceKeepsAnExistingValue) {
  FlatStringMap<std::string> m;
  EXPECT_TRUE(m.emplace("k", "first"));
  EXPECT_FALSE(m.emplace("k", "second"));
  EXPECT_EQ(m.find("k")->second, "first");
}

TEST(FlatStringMap, FindAndEraseMissOnAbsentKeysAndPrefixes) {
  CounterMap m = {{"energy_J", 1.0}, {"energy_net_J", 2.0}};
  EXPECT_EQ(m.find("energy"), m.end());
  EXPECT_EQ(m.find("energy_K"), m.end());
  EXPECT_EQ(m.find(""), m.end());
  EXPECT_FALSE(m.erase("energy"));
  EXPECT_TRUE(m.erase("energy_J"));
  EXPECT_EQ(keys(m), (std::vector<std::string>{"energy_net_J"}));
  EXPECT_FALSE(m.erase("energy_J"));
  m.clear();
  EXPECT_TRUE(m.empty());
  EXPECT_EQ(m.find("energy_net_J"), m.end());
}

}  // namespace
}  // namespace joulebench
