fn main() -> std::process::ExitCode {
    clerk::cli::main()
}
