// The TelcoDesk desktop application. Everything but the entry point lives in telcodesk_ui
// (ui/Application.cpp), so that the GUI tests exercise the same code.
#include "Application.h"

int main(int argc, char** argv)
{
    return telcodesk::Application::main(argc, argv);
}
