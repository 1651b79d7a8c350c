// Output: an aligned table for people, and one RESULT line of key=value
// pairs per run for scripts.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace parley::bench {

std::string fixed(double value, int decimals);

class Report {
public:
    explicit Report(std::string title) : title_(std::move(title)) {}

    void row(std::string label, std::string value);
    void figure(std::string key, std::string value);  // goes to the RESULT line
    void note(std::string text);                      // printed under the table

    void print() const;

private:
    std::string title_;
    std::vector<std::pair<std::string, std::string>> rows_;
    std::vector<std::pair<std::string, std::string>> figures_;
    std::vector<std::string> notes_;
};

}  // namespace parley::bench
