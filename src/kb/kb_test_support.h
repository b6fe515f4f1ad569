// Helpers shared by the knowledge-base tests added beside kb_test.cc.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "rayzan/kb.h"

namespace rayzan::testing_support {

// The bundled base, loaded once per test binary.
inline const KnowledgeBase& BundledBase() {
  static const std::shared_ptr<const KnowledgeBase> kb = [] {
    auto loaded = KnowledgeBase::Load({std::string(RAYZAN_DATA_DIR) + "/kb"});
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return *kb;
}

inline std::vector<std::string> NamesOf(const KnowledgeBase& kb, const std::vector<uint32_t>& people) {
  std::vector<std::string> out;
  for (uint32_t person : people) out.push_back(kb.person(person).name);
  return out;
}

// A fresh folder under the system temp directory, removed at the end of the test.
class ScratchFolder {
 public:
  explicit ScratchFolder(const std::string& tag = "") {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("rayzan_kb_" + std::string(info->name()) + tag + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  std::string Write(const std::string& relative, const std::string& content) const {
    std::filesystem::create_directories((path_ / relative).parent_path());
    std::ofstream out(path_ / relative, std::ios::binary);
    out << content;
    return (path_ / relative).string();
  }

 private:
  std::filesystem::path path_;
};

inline constexpr char kPeopleHeader[] = "id\tname\taliases_en\taliases_fa\taliases_ar\taliases_ru\troles\n";

}  // namespace rayzan::testing_support
