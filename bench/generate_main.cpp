// ropa-bench-generate PATH ACTIVITIES [SEED]: writes a synthetic register.
#include <chrono>
#include <iostream>
#include <string>

#include "generate.hpp"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: ropa-bench-generate PATH ACTIVITIES [SEED]\n";
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    ropa::bench::generate_register(argv[1], std::stoul(argv[2]), argc > 3 ? static_cast<unsigned>(std::stoul(argv[3])) : 42);
    std::cout << "generated " << argv[2] << " activities in "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s\n";
    return 0;
}
