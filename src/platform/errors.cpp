#include "platform/errors.hpp"

namespace jinfu {

ApiError::ApiError(int status, std::string code, LocalText title, LocalText detail,
                   std::vector<FieldError> errors)
    : std::runtime_error(code + ": " + detail.en),
      status_(status),
      code_(std::move(code)),
      title_(std::move(title)),
      detail_(std::move(detail)),
      errors_(std::move(errors)) {}

ApiError ApiError::badRequest(std::string code, LocalText detail, std::vector<FieldError> errors) {
  return ApiError(400, std::move(code), statusTitle(400), std::move(detail), std::move(errors));
}

ApiError ApiError::validation(std::vector<FieldError> errors) {
  return ApiError(422, "validation_failed", statusTitle(422),
                  {"请求内容未通过校验，请按字段提示修改。", "The request failed validation; see the field errors."},
                  std::move(errors));
}

ApiError ApiError::notFound(LocalText detail) {
  return ApiError(404, "not_found", statusTitle(404), std::move(detail));
}

ApiError ApiError::conflict(std::string code, LocalText detail) {
  return ApiError(409, std::move(code), statusTitle(409), std::move(detail));
}

ApiError ApiError::unavailable(LocalText detail) {
  return ApiError(503, "service_unavailable", statusTitle(503), std::move(detail));
}

LocalText statusTitle(int status) {
  switch (status) {
    case 400: return {"请求有误", "Bad request"};
    case 401: return {"未登录或登录已过期", "Not authenticated"};
    case 403: return {"无权执行此操作", "Forbidden"};
    case 404: return {"资源不存在", "Not found"};
    case 405: return {"不支持的请求方法", "Method not allowed"};
    case 408: return {"请求超时", "Request timeout"};
    case 409: return {"状态冲突", "Conflict"};
    case 413: return {"请求体过大", "Payload too large"};
    case 415: return {"不支持的内容类型", "Unsupported media type"};
    case 422: return {"内容校验未通过", "Unprocessable content"};
    case 429: return {"请求过于频繁", "Too many requests"};
    case 431: return {"请求头过大", "Request header fields too large"};
    case 503: return {"服务暂不可用", "Service unavailable"};
    default:
      if (status >= 500) return {"服务器内部错误", "Internal server error"};
      return {"请求有误", "Bad request"};
  }
}

}  // namespace jinfu
