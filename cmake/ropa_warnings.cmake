# Warnings are set per target, never in the global flags, so that a parent project
# consuming ropa is not forced onto them.
function(ropa_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
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
