// Stand-in for libFuzzer's main() in ordinary builds: feeds every file of the given files and
// folders to LLVMFuzzerTestOneInput once, so the seed corpus runs as a regression test.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const auto text = bytes.str();
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

} // namespace

int main(int argc, char** argv) {
    std::size_t inputs = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        if (std::filesystem::is_directory(arg)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(arg)) {
                if (entry.is_regular_file()) {
                    run_file(entry.path());
                    ++inputs;
                }
            }
        } else if (std::filesystem::exists(arg)) {
            run_file(arg);
            ++inputs;
        }
    }
    std::cout << "ran " << inputs << " corpus inputs\n";
    return inputs > 0 ? 0 : 1;
}
