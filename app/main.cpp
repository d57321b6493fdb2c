#include "cli.hpp"

int main(int argc, char** argv) {
    return lbtrack::app::main_entry(argc, argv);
}
