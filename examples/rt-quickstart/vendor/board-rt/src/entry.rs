//! `entry!`: names the program's `fn() -> !` as the `main` the reset handler calls.

/// Makes `$path`, a `fn() -> !`, the program: the reset handler calls it once RAM is initialised.
#[macro_export]
macro_rules! entry {
    ($path:path) => {
        #[doc(hidden)]
        #[export_name = "main"]
        pub unsafe extern "C" fn __board_rt_main() -> ! {
            let program: fn() -> ! = $path;
            program()
        }
    };
}
