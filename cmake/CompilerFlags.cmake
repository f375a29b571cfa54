# Flags every Lantir target links through the lantir_common_cfg interface target.
add_library(lantir_common_cfg INTERFACE)
target_compile_features(lantir_common_cfg INTERFACE cxx_std_17)
target_compile_definitions(lantir_common_cfg INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_URL_CAST_FROM_STRING
  QT_USE_QSTRINGBUILDER
  QT_NO_FOREACH
  QT_NO_KEYWORDS
  QT_DISABLE_DEPRECATED_BEFORE=0x060400)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(lantir_common_cfg INTERFACE -Wall -Wextra -Wpedantic
    -Wnon-virtual-dtor -Wcast-align -Wunused -Woverloaded-virtual)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    # Qt's logging and QSKIP macros use the GNU empty-variadic extension.
    target_compile_options(lantir_common_cfg INTERFACE -Wshadow-uncaptured-local -Wno-gnu-zero-variadic-macro-arguments)
  else()
    target_compile_options(lantir_common_cfg INTERFACE -Wshadow=local)
  endif()
  if(LANTIR_WERROR)
    target_compile_options(lantir_common_cfg INTERFACE -Werror)
  endif()
elseif(MSVC)
  target_compile_options(lantir_common_cfg INTERFACE /W4 /permissive- $<$<BOOL:${LANTIR_WERROR}>:/WX>)
endif()

# Sanitizer builds (presets asan and tsan, run by scripts/test.sh). -O1 (Debug) keeps them fast enough for
# CI on 2 cores while keeping Q_ASSERT and usable stacks; -fno-sanitize-recover=all makes every
# UBSan finding fatal, so a report always fails the test that triggered it.
if(LANTIR_SANITIZE STREQUAL "address")
  set(lantir_sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=all)
elseif(LANTIR_SANITIZE STREQUAL "thread")
  # -fno-inline: every frame of a report is then a real function with its full name, so that the
  # suppressions naming Qt's templates (tests/sanitizers/tsan.supp) match however GCC inlines.
  set(lantir_sanitize_flags -fsanitize=thread -fno-inline)
elseif(NOT LANTIR_SANITIZE STREQUAL "")
  message(FATAL_ERROR "LANTIR_SANITIZE must be empty, 'address' or 'thread'")
endif()
if(lantir_sanitize_flags)
  target_compile_options(lantir_common_cfg INTERFACE ${lantir_sanitize_flags}
    -fno-omit-frame-pointer $<$<CONFIG:Debug>:-O1>)
  target_link_options(lantir_common_cfg INTERFACE ${lantir_sanitize_flags})
endif()
