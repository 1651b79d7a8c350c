#pragma once

#include "http/route.hpp"

// One renderer per kind of answer: from the service's core::Response to a
// success status and the contract's JSON body.
namespace parley::http {

core::Result<Rendered> render_health(const core::Response& response);
core::Result<Rendered> render_created_session(const core::Response& response);
core::Result<Rendered> render_session(const core::Response& response);
core::Result<Rendered> render_no_content(const core::Response& response);
core::Result<Rendered> render_user(const core::Response& response);
core::Result<Rendered> render_users(const core::Response& response);
core::Result<Rendered> render_rooms(const core::Response& response);
core::Result<Rendered> render_messages(const core::Response& response);
core::Result<Rendered> render_file_stored(const core::Response& response);
// A download: the file's bytes streamed from disk with its download headers.
core::Result<Rendered> render_file(const core::Response& response);

}  // namespace parley::http
