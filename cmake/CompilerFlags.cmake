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

if(LANTIR_SANITIZE STREQUAL "address")
  target_compile_options(lantir_common_cfg INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(lantir_common_cfg INTERFACE -fsanitize=address,undefined)
elseif(LANTIR_SANITIZE STREQUAL "thread")
  target_compile_options(lantir_common_cfg INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(lantir_common_cfg INTERFACE -fsanitize=thread)
elseif(NOT LANTIR_SANITIZE STREQUAL "")
  message(FATAL_ERROR "LANTIR_SANITIZE must be empty, 'address' or 'thread'")
endif()
