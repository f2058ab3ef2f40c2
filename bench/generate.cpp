#include "generate.hpp"

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "ropa/register.hpp"

namespace ropa::bench {

namespace {
LocalizedText en(std::string value) { return {{"en", {std::move(value), TextStatus::source}}}; }
std::string code(const char* prefix, std::size_t n) { return prefix + std::to_string(n); }
}  // namespace

void generate_register(const std::filesystem::path& path, std::size_t activities, unsigned seed) {
    std::mt19937 random(seed);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    constexpr std::size_t purposes = 40, categories = 30, subjects = 15, recipients = 15;
    auto reg = Register::create(path);
    std::vector<std::vector<std::size_t>> allowed(purposes);
    reg.write({"bench", "reference data"}, [&](Writer& w) {
        w.create(EntityKind::controller, std::nullopt,
                 {{"name", en("Benchmark controller")}, {"email", std::string("dpo@example.org")},
                  {"dpo_email", std::string("dpo@example.org")}});
        for (std::size_t c = 0; c < categories; ++c)
            w.create(EntityKind::data_category, code("C", c), {{"name", en("Data category " + std::to_string(c))}});
        for (std::size_t s = 0; s < subjects; ++s)
            w.create(EntityKind::data_subject, code("S", s), {{"name", en("Subjects " + std::to_string(s))}});
        for (std::size_t r = 0; r < recipients; ++r)
            w.create(EntityKind::recipient, code("R", r),
                     {{"name", en("Recipients " + std::to_string(r))}, {"kind", std::string("external")}});
        for (std::size_t p = 0; p < purposes; ++p) {
            w.create(EntityKind::purpose, code("P", p),
                     {{"name", en("Purpose number " + std::to_string(p) + " of the benchmark register")}});
            std::set<std::size_t> chosen;
            while (chosen.size() < 10)
                chosen.insert(pick(categories));
            for (auto c : chosen) {
                allowed[p].push_back(c);
                w.link({LinkKind::purpose_data_category, code("P", p), code("C", c), {}});
            }
            w.link({LinkKind::purpose_legal_basis, code("P", p), "art6-1-e", {}});
        }
    });
    for (std::size_t start = 0; start < activities; start += 1000) {
        reg.write({"bench", "activities from " + std::to_string(start)}, [&](Writer& w) {
            for (std::size_t a = start; a < std::min(activities, start + 1000); ++a) {
                const std::string activity = code("A", a);
                w.create(EntityKind::activity, activity,
                         {{"name", en("Processing activity " + std::to_string(a))},
                          {"description", en("A synthetic activity for the benchmarks, number " + std::to_string(a))},
                          {"status", std::string("active")},
                          {"owner", std::string("Owner " + std::to_string(a % 50))}});
                std::set<std::size_t> chosen_purposes, chosen_categories;
                const std::size_t n_purposes = 1 + pick(3);
                while (chosen_purposes.size() < n_purposes)
                    chosen_purposes.insert(pick(purposes));
                std::vector<std::size_t> pool;
                for (auto p : chosen_purposes) {
                    w.link({LinkKind::activity_purpose, activity, code("P", p), {}});
                    pool.insert(pool.end(), allowed[p].begin(), allowed[p].end());
                }
                w.link({LinkKind::activity_legal_basis, activity, "art6-1-e", {}});
                const std::size_t n_categories = 2 + pick(5);
                while (chosen_categories.size() < n_categories)
                    chosen_categories.insert(pool[pick(pool.size())]);
                for (auto c : chosen_categories) {
                    w.link({LinkKind::activity_data_category, activity, code("C", c), {}});
                    w.create(EntityKind::retention, std::nullopt,
                             {{"activity", activity}, {"data_category", code("C", c)},
                              {"duration_value", static_cast<std::int64_t>(1 + pick(10))},
                              {"duration_unit", std::string("year")}});
                }
                std::set<std::size_t> s_set, r_set;
                for (std::size_t i = 0, n = 1 + pick(3); i < n; ++i)
                    s_set.insert(pick(subjects));
                for (std::size_t i = 0, n = 1 + pick(3); i < n; ++i)
                    r_set.insert(pick(recipients));
                for (auto s : s_set)
                    w.link({LinkKind::activity_data_subject, activity, code("S", s), {}});
                for (auto r : r_set)
                    w.link({LinkKind::activity_recipient, activity, code("R", r), {}});
            }
        });
    }
}

} // namespace ropa::bench
