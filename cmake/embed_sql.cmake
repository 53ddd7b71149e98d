# Turns a folder of NNNN_name.sql migration files into a C++ source that returns them in order,
# so the binary carries its own schema. Re-runs when a file in the folder changes.
function(weizhi_embed_migrations out_var function_name dir)
  file(GLOB sql_files CONFIGURE_DEPENDS "${dir}/*.sql")
  list(SORT sql_files)
  # Editing a file's text must re-run the configure step too, not only adding or removing one.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${sql_files})
  set(body "")
  foreach(sql_file IN LISTS sql_files)
    get_filename_component(name "${sql_file}" NAME_WE)
    string(REGEX MATCH "^[0-9]+" version "${name}")
    # Leading zeros would make the C++ literal octal (0300 is 192).
    while(version MATCHES "^0[0-9]")
      string(SUBSTRING "${version}" 1 -1 version)
    endwhile()
    string(REGEX REPLACE "^[0-9]+_" "" label "${name}")
    file(READ "${sql_file}" text)
    string(APPEND body "    {${version}, \"${label}\", R\"weizhisql(${text})weizhisql\"},\n")
  endforeach()
  set(generated "${CMAKE_CURRENT_BINARY_DIR}/${function_name}.cpp")
  file(CONFIGURE OUTPUT "${generated}" CONTENT
"// Generated from ${dir}: the migrations embedded in the binary.
#include \"store/migration.hpp\"
namespace weizhi::store {
std::vector<Migration> ${function_name}() {
  return {
${body}  };
}
}  // namespace weizhi::store
" @ONLY)
  set(${out_var} "${generated}" PARENT_SCOPE)
endfunction()
