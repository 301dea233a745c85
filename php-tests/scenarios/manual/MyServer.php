<?php
namespace app;
use Yii;
use beyod\Server;
use beyod\dispatcher\Client;
use beyod\MessageEvent;
use beyod\IOEvent;
use beyod\protocol\redis\Request;
use beyod\protocol\dns\Message;
class MyServer extends \beyod\Server
{
public $redis_server = 'tcp://192.168.1.19:6379';
public $redisClient;
public function onWorkerStart($workerId, $GPID)
{
parent::onWorkerStart($workerId, $GPID);
$this->connectRedisServer(); //工作进程启动后,就开始连接到Redis服务器
}
protected function connectRedisServer()
{
//设置连接目标,重连间隔,连接超时时间
$options = [
'target' => $this->redis_server,
'reconnect_interval' => 5, //连接异常断开, 5秒后重连
'timeout' => 10, //连接超时10秒
];
//初始化一个连接对象,此时还未开始连接
$this->redisClient = new \beyod\protocol\redis\Client($options);
//收到数据时的回调
$this->redisClient->on(Server::ON_MESSAGE, function($event){
/**
* @var MessageEvent $event
* @var Request $event->message
* */
print_r($event->message);
});
//连接成功之后就可以发送数据了
$this->redisClient->on(Server::ON_CONNECT, function(IOEvent $event){
Yii::debug($event->sender.' connect ok ');
$this->redisClient->set('a',serialize($_SERVER));
$this->redisClient->get('a');
});
//事件回调成功 开始连接。
$this->redisClient->connect();
}
}
