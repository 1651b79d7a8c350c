#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "proto/irc/message.hpp"

// The numeric replies Parley sends, under the names of RFC 2812, the Modern
// IRC documents and the IRCv3 specifications. The one place the house naming
// gives way: these are the names every IRC document and server uses, so a grep
// for ERR_NEEDMOREPARAMS finds the spec and the code alike.
namespace parley::proto::irc {

// Connection registration.
inline constexpr int RPL_WELCOME = 1;
inline constexpr int RPL_YOURHOST = 2;
inline constexpr int RPL_CREATED = 3;
inline constexpr int RPL_MYINFO = 4;
inline constexpr int RPL_ISUPPORT = 5;

// Replies.
inline constexpr int RPL_UMODEIS = 221;
inline constexpr int RPL_SILELIST = 271;
inline constexpr int RPL_ENDOFSILELIST = 272;
inline constexpr int RPL_LUSERCLIENT = 251;
inline constexpr int RPL_LUSEROP = 252;
inline constexpr int RPL_LUSERUNKNOWN = 253;
inline constexpr int RPL_LUSERCHANNELS = 254;
inline constexpr int RPL_LUSERME = 255;
inline constexpr int RPL_LOCALUSERS = 265;
inline constexpr int RPL_GLOBALUSERS = 266;
inline constexpr int RPL_AWAY = 301;
inline constexpr int RPL_UNAWAY = 305;
inline constexpr int RPL_NOWAWAY = 306;
inline constexpr int RPL_WHOISUSER = 311;
inline constexpr int RPL_WHOISSERVER = 312;
inline constexpr int RPL_WHOISOPERATOR = 313;
inline constexpr int RPL_WHOWASUSER = 314;
inline constexpr int RPL_ENDOFWHO = 315;
inline constexpr int RPL_WHOISIDLE = 317;
inline constexpr int RPL_ENDOFWHOIS = 318;
inline constexpr int RPL_WHOISCHANNELS = 319;
inline constexpr int RPL_LISTSTART = 321;
inline constexpr int RPL_LIST = 322;
inline constexpr int RPL_LISTEND = 323;
inline constexpr int RPL_CHANNELMODEIS = 324;
inline constexpr int RPL_CREATIONTIME = 329;
inline constexpr int RPL_NOTOPIC = 331;
inline constexpr int RPL_TOPIC = 332;
inline constexpr int RPL_TOPICWHOTIME = 333;
inline constexpr int RPL_INVITING = 341;
inline constexpr int RPL_WHOREPLY = 352;
inline constexpr int RPL_NAMREPLY = 353;
inline constexpr int RPL_ENDOFNAMES = 366;
inline constexpr int RPL_BANLIST = 367;
inline constexpr int RPL_ENDOFBANLIST = 368;
inline constexpr int RPL_ENDOFWHOWAS = 369;
inline constexpr int RPL_MOTD = 372;
inline constexpr int RPL_MOTDSTART = 375;
inline constexpr int RPL_ENDOFMOTD = 376;
inline constexpr int RPL_YOUREOPER = 381;
inline constexpr int RPL_VERSION = 351;
inline constexpr int RPL_TIME = 391;

// Errors.
inline constexpr int ERR_NOSUCHNICK = 401;
inline constexpr int ERR_NOSUCHCHANNEL = 403;
inline constexpr int ERR_CANNOTSENDTOCHAN = 404;
inline constexpr int ERR_TOOMANYCHANNELS = 405;
inline constexpr int ERR_WASNOSUCHNICK = 406;
inline constexpr int ERR_NOORIGIN = 409;
inline constexpr int ERR_INVALIDCAPCMD = 410;  // capability negotiation
inline constexpr int ERR_NORECIPIENT = 411;
inline constexpr int ERR_NOTEXTTOSEND = 412;
inline constexpr int ERR_INPUTTOOLONG = 417;
inline constexpr int ERR_UNKNOWNCOMMAND = 421;
inline constexpr int ERR_NONICKNAMEGIVEN = 431;
inline constexpr int ERR_ERRONEUSNICKNAME = 432;
inline constexpr int ERR_NICKNAMEINUSE = 433;
inline constexpr int ERR_NICKCOLLISION = 436;
inline constexpr int ERR_USERNOTINCHANNEL = 441;
inline constexpr int ERR_NOTONCHANNEL = 442;
inline constexpr int ERR_USERONCHANNEL = 443;
inline constexpr int ERR_NOTREGISTERED = 451;
inline constexpr int ERR_NEEDMOREPARAMS = 461;
inline constexpr int ERR_ALREADYREGISTERED = 462;
inline constexpr int ERR_PASSWDMISMATCH = 464;
inline constexpr int ERR_YOUREBANNEDCREEP = 465;
inline constexpr int ERR_CHANNELISFULL = 471;
inline constexpr int ERR_UNKNOWNMODE = 472;
inline constexpr int ERR_INVITEONLYCHAN = 473;
inline constexpr int ERR_BANNEDFROMCHAN = 474;
inline constexpr int ERR_BADCHANNELKEY = 475;
inline constexpr int ERR_NOPRIVILEGES = 481;
inline constexpr int ERR_NOOPERHOST = 491;
inline constexpr int ERR_CHANOPRIVSNEEDED = 482;
inline constexpr int ERR_CANTKILLSERVER = 483;
inline constexpr int ERR_UMODEUNKNOWNFLAG = 501;
inline constexpr int ERR_INVALIDMODEPARAM = 696;
inline constexpr int ERR_USERSDONTMATCH = 502;
inline constexpr int ERR_HELPNOTFOUND = 524;

// TLS, MONITOR and SASL (IRCv3).
inline constexpr int RPL_STARTTLS = 670;
inline constexpr int RPL_WHOISSECURE = 671;
inline constexpr int ERR_STARTTLS = 691;
inline constexpr int RPL_MONONLINE = 730;
inline constexpr int RPL_MONOFFLINE = 731;
inline constexpr int RPL_MONLIST = 732;
inline constexpr int RPL_ENDOFMONLIST = 733;
inline constexpr int ERR_MONLISTFULL = 734;
inline constexpr int RPL_LOGGEDIN = 900;
inline constexpr int RPL_LOGGEDOUT = 901;
inline constexpr int ERR_NICKLOCKED = 902;
inline constexpr int RPL_SASLSUCCESS = 903;
inline constexpr int ERR_SASLFAIL = 904;
inline constexpr int ERR_SASLTOOLONG = 905;
inline constexpr int ERR_SASLABORTED = 906;
inline constexpr int ERR_SASLALREADY = 907;
inline constexpr int RPL_SASLMECHS = 908;

// Before registration a client has no nick yet; replies then address "*".
inline constexpr std::string_view unregistered_target = "*";

// ":<server> <code> <target> <params...>", the code written as three digits.
// An empty target becomes "*". The caller writes the human-readable text as
// the last param, e.g. numeric(server, ERR_NOSUCHNICK, nick, {name, "No such nick"}).
Message numeric(std::string_view server, int code, std::string_view target_nick,
                std::vector<std::string> params);

}  // namespace parley::proto::irc
