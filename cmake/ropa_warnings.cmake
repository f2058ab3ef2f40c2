# Warnings are set per target, never in the global flags, so that a parent project
# consuming ropa is not forced onto them. ROPA_WARNINGS_AS_ERRORS (on in the test command, so in
# CI) makes any warning fail the build.
option(ROPA_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)
function(ropa_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    if(ROPA_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
    # -Wswitch-enum: a switch over an enum that drives dispatch (entity kinds, link kinds,
    # formats, field types) names every value, so a new value cannot fall into a default.
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Wswitch-enum>)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
      # GCC 12 warns when designated initializers ({.mode = ...}) leave members to their
      # defaults, which is the point of them.
      -Wno-missing-field-initializers)
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports -Wrestrict inside libstdc++ for std::string concatenation at -O2
    # (GCC bug 105329): a false positive, fixed in GCC 13.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()
