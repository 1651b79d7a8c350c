# The web client (web/, TypeScript + Vite) is built into ${CMAKE_BINARY_DIR}/web,
# the folder parleyd serves by default (web/ beside the binary). The npm
# packages are installed only when the lock file changes; the build runs only
# when a source file does.
find_program(NPM npm REQUIRED)

set(web_dir ${CMAKE_SOURCE_DIR}/web)
set(web_out ${CMAKE_BINARY_DIR}/web)
set(web_installed ${CMAKE_BINARY_DIR}/web-npm-ci.stamp)

file(GLOB_RECURSE web_sources CONFIGURE_DEPENDS
    ${web_dir}/src/* ${web_dir}/public/*)
list(APPEND web_sources
    ${web_dir}/index.html ${web_dir}/vite.config.ts ${web_dir}/tsconfig.json)

# `npm install --no-save` installs exactly what package-lock.json pins and
# leaves it untouched. Not `npm ci`: the registry reachable here lists only the
# Linux builds of rollup's optional packages, so the lock has no entries for
# the others and npm 11's ci refuses it as out of sync.
add_custom_command(
    OUTPUT ${web_installed}
    COMMAND ${NPM} install --no-save --no-audit --no-fund --loglevel=error
    COMMAND ${CMAKE_COMMAND} -E touch ${web_installed}
    DEPENDS ${web_dir}/package.json ${web_dir}/package-lock.json
    WORKING_DIRECTORY ${web_dir}
    COMMENT "Installing the web client's npm packages"
    VERBATIM)

add_custom_command(
    OUTPUT ${web_out}/index.html
    COMMAND ${NPM} run --silent build -- --outDir ${web_out} --emptyOutDir --logLevel warn
    DEPENDS ${web_installed} ${web_sources}
    WORKING_DIRECTORY ${web_dir}
    COMMENT "Building the web client into ${web_out}"
    VERBATIM)

add_custom_target(web_client ALL DEPENDS ${web_out}/index.html)
