# Writes ropa.pc and ropa_c.pc for an install whose library folder is LIBDIR and header folder
# INCLUDEDIR (each relative to the prefix, or absolute). Included by CMakeLists.txt, and run
# alone (cmake -P) by tests/package/run.sh to check a multiarch layout without a new build:
#   cmake -DLIBDIR=lib/x86_64-linux-gnu -DINCLUDEDIR=include -DPREFIX=/usr -DVERSION=0.1.0
#         -DDESCRIPTION=... -DSOURCE_DIR=... -DOUTPUT_DIR=... -P cmake/write_pkgconfig.cmake
function(ropa_write_pkgconfig libdir includedir prefix output_dir)
  if(IS_ABSOLUTE "${libdir}")
    # An absolute libdir cannot be found from the file's place: name the prefix as configured.
    set(ROPA_PC_PREFIX "${prefix}")
    set(ROPA_PC_LIBDIR "${libdir}")
  else()
    # ${pcfiledir} is <prefix>/<libdir>/pkgconfig: one ".." per folder of that path.
    string(REGEX REPLACE "[^/]+" ".." up "${libdir}/pkgconfig")
    set(ROPA_PC_PREFIX "\${pcfiledir}/${up}")
    set(ROPA_PC_LIBDIR "\${prefix}/${libdir}")
  endif()
  if(IS_ABSOLUTE "${includedir}")
    set(ROPA_PC_INCLUDEDIR "${includedir}")
  else()
    set(ROPA_PC_INCLUDEDIR "\${prefix}/${includedir}")
  endif()
  foreach(name ropa ropa_c)
    configure_file(${ROPA_PC_SOURCE_DIR}/cmake/${name}.pc.in ${output_dir}/${name}.pc @ONLY)
  endforeach()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE)
  set(PROJECT_VERSION "${VERSION}")
  set(PROJECT_DESCRIPTION "${DESCRIPTION}")
  set(ROPA_PC_SOURCE_DIR "${SOURCE_DIR}")
  ropa_write_pkgconfig("${LIBDIR}" "${INCLUDEDIR}" "${PREFIX}" "${OUTPUT_DIR}")
endif()
