#include "rayzan/pipeline.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "rayzan/data_dir.h"
#include "rayzan/lang.h"

namespace rayzan {

Result<std::unique_ptr<const Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  std::string data = options.data_directory.empty() ? DataDirectory() : options.data_directory;
  std::unique_ptr<Pipeline> pipeline(new Pipeline());
  // The bundled base (or that of --data), then the user's imported and own
  // folders when they exist (KnowledgeBase::DefaultDirectories), then --kb.
  std::vector<std::string> kb_directories = KnowledgeBase::DefaultDirectories();
  kb_directories.front() = data + "/kb";
  kb_directories.insert(kb_directories.end(), options.extra_kb_directories.begin(),
                        options.extra_kb_directories.end());
  auto kb = KnowledgeBase::Load(kb_directories);
  if (!kb.ok()) return kb.status();
  pipeline->kb_ = std::move(kb).value();
  auto dates = DateLexicon::Load(data + "/dates");
  if (!dates.ok()) return dates.status();
  pipeline->date_lexicon_ = std::make_unique<DateLexicon>(std::move(dates).value());
  pipeline->dates_ = std::make_unique<DateFinder>(*pipeline->date_lexicon_);
  auto boilerplate = BoilerplateLexicon::Load(data + "/boilerplate");
  if (!boilerplate.ok()) return boilerplate.status();
  pipeline->boilerplate_ = std::make_unique<BoilerplateLexicon>(std::move(boilerplate).value());
  auto events = EventExtractor::Create(pipeline->kb_, *pipeline->date_lexicon_, data + "/events/cues.tsv");
  if (!events.ok()) return events.status();
  pipeline->events_ = std::move(events).value();
  return std::unique_ptr<const Pipeline>(std::move(pipeline));
}

CodedArticle Pipeline::Code(Article article, Workspace& workspace) const {
  CodedArticle coded;
  coded.article = std::move(article);
  coded.normalized = Normalize(coded.article.text);
  const std::string& text = coded.normalized.text;
  coded.lines = CleanScrapedText(text, *boilerplate_);

  ArticleView view;
  view.text = text;
  view.original = coded.article.text;
  view.normalized = &coded.normalized;
  std::vector<Span> date_lines;
  for (const ClassifiedLine& line : coded.lines) {
    if (line.kind == LineKind::kBody) view.body.push_back(line.span);
    // The article's own date sits in its metadata lines or near its top;
    // never in the footer, where comments carry their own timestamps.
    if (line.kind == LineKind::kMetadata || (line.kind == LineKind::kBody && view.body.size() <= 6) ||
        line.kind == LineKind::kBoilerplate) {
      date_lines.push_back(line.span);
    }
  }
  Language given = LanguageFromCode(coded.article.language);
  if (given == Language::kUnknown) {
    // Identify the language on the body only: tickers and comments mislead.
    std::string body;
    for (const Span& span : view.body) {
      body.append(Slice(text, span));
      body.push_back('\n');
      if (body.size() > 4000) break;
    }
    given = DetectLanguage(body);
  }
  coded.language = given;
  view.language = given;

  if (auto published = CivilDate::FromIso(coded.article.published)) {
    coded.published = published;
  } else {
    coded.published = dates_->FindPublicationDate(text, date_lines);
  }
  view.published = coded.published;
  // Cues are per language: text of no known language is read as Persian and
  // as Arabic below instead.
  if (coded.language != Language::kUnknown) coded.events = events_->Extract(view, workspace.segmenter);
  if (coded.language == Language::kUnknown) {
    // Too short to tell Persian from Arabic ("جان کری وارد مسکو شد"): read it
    // both ways and keep the reading that finds more.
    for (Language language : {Language::kPersian, Language::kArabic}) {
      view.language = language;
      std::vector<Event> events = events_->Extract(view, workspace.segmenter);
      if (events.size() > coded.events.size()) {
        coded.events = std::move(events);
        coded.language = language;
      }
    }
  }
  return coded;
}

void CodeAll(const Pipeline& pipeline, ArticleReader& reader, int threads,
             const std::function<void(const CodedArticle&)>& on_article,
             const std::function<void(const InputError&)>& on_error) {
  if (threads < 1) threads = 1;
  // Work items carry their input position; results are released in order.
  struct Item {
    uint64_t sequence = 0;
    std::optional<Article> article;
    std::optional<InputError> error;
    std::optional<CodedArticle> coded;
  };
  std::mutex mutex;
  std::condition_variable work_ready, result_ready, space_ready;
  std::deque<Item> queue;
  std::map<uint64_t, Item> done;
  bool input_finished = false;
  const size_t max_pending = static_cast<size_t>(threads) * 8;
  uint64_t in_flight = 0;

  auto worker = [&]() {
    Pipeline::Workspace workspace;
    while (true) {
      Item item;
      {
        std::unique_lock lock(mutex);
        work_ready.wait(lock, [&] { return !queue.empty() || input_finished; });
        if (queue.empty()) return;
        item = std::move(queue.front());
        queue.pop_front();
        space_ready.notify_one();
      }
      if (item.article && item.article->page && !FinishPage(&*item.article, &item.error)) {
        item.article.reset();  // an error, or an archive's index page: nothing to code
      }
      if (item.article) {
        item.coded = pipeline.Code(std::move(*item.article), workspace);
        item.article.reset();
      }
      {
        std::lock_guard lock(mutex);
        done.emplace(item.sequence, std::move(item));
      }
      result_ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker);

  // The reader runs on its own thread so that this thread can emit results.
  std::thread feeder([&]() {
    uint64_t sequence = 0;
    Article article;
    std::optional<InputError> error;
    while (reader.Next(&article, &error)) {
      Item item;
      item.sequence = sequence++;
      if (error) {
        item.error = std::move(error);
      } else {
        item.article = std::move(article);
      }
      std::unique_lock lock(mutex);
      space_ready.wait(lock, [&] { return queue.size() + done.size() < max_pending; });
      queue.push_back(std::move(item));
      ++in_flight;
      work_ready.notify_one();
    }
    std::lock_guard lock(mutex);
    input_finished = true;
    work_ready.notify_all();
    result_ready.notify_all();
  });

  uint64_t next = 0;
  while (true) {
    Item item;
    {
      std::unique_lock lock(mutex);
      result_ready.wait(lock, [&] { return done.contains(next) || (input_finished && next == in_flight); });
      if (!done.contains(next)) break;
      item = std::move(done.at(next));
      done.erase(next);
      ++next;
      space_ready.notify_all();
    }
    if (item.error) {
      on_error(*item.error);
    } else if (item.coded) {
      on_article(*item.coded);
    }
  }
  feeder.join();
  for (std::thread& thread : pool) thread.join();
}

}  // namespace rayzan
